/** Staff accounts: who may use the console when Cloudflare Access signs people in (by email). */
import { unavailableOnError, type StaffAccountTable, type Store } from "./database";

export type StaffRow = StaffAccountTable;

/** An account by its (lower-cased) email, enabled or not. */
export async function findStaffByEmail(store: Store, email: string): Promise<StaffRow | undefined> {
  return unavailableOnError(() =>
    store.db.selectFrom("staff_accounts").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst(),
  );
}

/** An account by id. */
export async function findStaff(store: Store, id: string): Promise<StaffRow | undefined> {
  return unavailableOnError(() =>
    store.db.selectFrom("staff_accounts").selectAll().where("id", "=", id).executeTakeFirst(),
  );
}

/** Every account, enabled first, then by email. */
export async function listStaff(store: Store): Promise<StaffRow[]> {
  return unavailableOnError(() =>
    store.db
      .selectFrom("staff_accounts")
      .selectAll()
      .orderBy(({ eb }) => eb("disabled_at", "is", null), "desc")
      .orderBy("email")
      .execute(),
  );
}

/** INSERT of an account (run in a batch with its audit entry); the email must be lower-cased. */
export function staffInsert(store: Store, row: StaffRow) {
  return store.db.insertInto("staff_accounts").values(row);
}

/** UPDATE of an enabled account's scopes. */
export function staffSetScopes(store: Store, id: string, scopes: string) {
  return store.db.updateTable("staff_accounts").set({ scopes }).where("id", "=", id).where("disabled_at", "is", null);
}

/** UPDATE disabling an account (its sessions end on their next request). */
export function staffDisable(store: Store, id: string, at: string) {
  return store.db
    .updateTable("staff_accounts")
    .set({ disabled_at: at })
    .where("id", "=", id)
    .where("disabled_at", "is", null);
}
