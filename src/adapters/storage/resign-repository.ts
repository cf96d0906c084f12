/** Re-signing stored certificates by key id (key compromise): which rows, and the guarded update. */
import { unavailableOnError, type Store } from "./database";

/** A stored certificate as re-signing needs it. */
export interface ResignRow {
  id: string;
  credential: string;
  recipient_name: string;
  achievement_id: string;
  issued_at: string;
  valid_until: string | null;
}

/** Up to `limit` certificates signed by `kid` (revoked ones too: their status must still verify). */
export async function certificatesSignedBy(store: Store, kid: string, limit: number): Promise<ResignRow[]> {
  return unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select(["id", "credential", "recipient_name", "achievement_id", "issued_at", "valid_until"])
      .where("key_id", "=", kid)
      .orderBy("id")
      .limit(limit)
      .execute(),
  );
}

/** How many certificates `kid` signed. */
export async function countSignedBy(store: Store, kid: string): Promise<number> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("key_id", "=", kid)
      .executeTakeFirst(),
  );
  return Number(row?.n ?? 0);
}

/** The new signatures of one certificate, only if it is still signed by `oldKid` (no double re-sign). */
export function resignUpdate(
  store: Store,
  id: string,
  oldKid: string,
  next: { credential: string; vc_jwt: string; compact_token: string; key_id: string },
) {
  return store.db.updateTable("certificates").set(next).where("id", "=", id).where("key_id", "=", oldKid);
}
