/** Console sessions, stored server-side by the SHA-256 of the cookie's random id. */
import { unavailableOnError, type ConsoleSessionTable, type Store } from "./database";

export type SessionRow = ConsoleSessionTable;

/** INSERT of a new session (run in a batch with the sign-in audit entry). */
export function sessionInsert(store: Store, row: SessionRow) {
  return store.db.insertInto("console_sessions").values(row);
}

/** A session that has not expired (idle or absolute) at `now`. */
export async function findLiveSession(store: Store, idHash: string, now: string): Promise<SessionRow | undefined> {
  return unavailableOnError(() =>
    store.db
      .selectFrom("console_sessions")
      .selectAll()
      .where("id_hash", "=", idHash)
      .where("idle_expires_at", ">", now)
      .where("expires_at", ">", now)
      .executeTakeFirst(),
  );
}

/** Slides the idle expiry forward (never past the absolute expiry, which the reader also checks). */
export async function touchSession(store: Store, idHash: string, now: string, idleExpiresAt: string): Promise<void> {
  await unavailableOnError(() =>
    store.db
      .updateTable("console_sessions")
      .set({ last_seen_at: now, idle_expires_at: idleExpiresAt })
      .where("id_hash", "=", idHash)
      .execute(),
  );
}

/** DELETE of one session (sign-out), as a statement for a batch. */
export function sessionDelete(store: Store, idHash: string) {
  return store.db.deleteFrom("console_sessions").where("id_hash", "=", idHash);
}

/** Removes sessions past their absolute or idle expiry. */
export async function deleteExpiredSessions(store: Store, now: string): Promise<void> {
  await unavailableOnError(() =>
    store.db
      .deleteFrom("console_sessions")
      .where((eb) => eb.or([eb("expires_at", "<=", now), eb("idle_expires_at", "<=", now)]))
      .execute(),
  );
}
