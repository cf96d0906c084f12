/** Scoped admin tokens, stored only as SHA-256 hashes. */
import { unavailableOnError, type AdminTokenTable, type Store } from "./database";

export type TokenRow = AdminTokenTable;

/** A token by id (the public part of the token string). */
export async function findToken(store: Store, id: string): Promise<TokenRow | undefined> {
  return unavailableOnError(() =>
    store.db.selectFrom("admin_tokens").selectAll().where("id", "=", id).executeTakeFirst(),
  );
}

/** All tokens, without hashes. */
export async function listTokens(store: Store) {
  return unavailableOnError(() =>
    store.db
      .selectFrom("admin_tokens")
      .select(["id", "name", "scopes", "created_at", "created_by", "revoked_at"])
      .orderBy("created_at")
      .execute(),
  );
}

/** INSERT for a new token (run in a batch with its audit entry). */
export function tokenInsert(store: Store, row: TokenRow) {
  return store.db.insertInto("admin_tokens").values(row);
}

/** UPDATE marking a token revoked. */
export function tokenRevoke(store: Store, id: string, at: string) {
  return store.db
    .updateTable("admin_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null);
}
