/** Status-list slots, certificate status changes, and the signed list cache. */
import { sql } from "kysely";
import { auditInsertIf, type AuditEntry } from "./audit-repository";
import { runBatch, unavailableOnError, type CertificateTable, type Store } from "./database";

/**
 * Reserves `count` consecutive slot counters in the newest list that still has room, opening a
 * new list (with `newKey()` as its permutation key) when none has. One conditional UPDATE …
 * RETURNING claims the counters atomically, so concurrent writers never get the same ones.
 */
export async function reserveSlotCounters(
  store: Store,
  count: number,
  size: number,
  newKey: () => string,
): Promise<{ list: number; start: number; key: string }> {
  return unavailableOnError(async () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const claimed = await store.db
        .updateTable("status_lists")
        .set((eb) => ({ next: eb("next", "+", count) }))
        .where("list", "=", (eb) => eb.selectFrom("status_lists").select((e) => e.fn.max("list").as("m")))
        .where((eb) => eb(eb("next", "+", count), "<=", size))
        .returning(["list", "next", "key"])
        .executeTakeFirst();
      if (claimed) return { list: claimed.list, start: claimed.next - count, key: claimed.key };
      // The newest list is full (or there is none): open the next one. Two writers racing here
      // both try the same number; the PRIMARY KEY lets one win and the other retries above.
      await sql`INSERT INTO status_lists (list, next, key, version)
        SELECT coalesce(max(list), 0) + 1, 0, ${newKey()}, 0 FROM status_lists WHERE true
        ON CONFLICT (list) DO NOTHING`.execute(store.db);
    }
    throw new Error("could not reserve status slots");
  });
}

/** A list's change version (bumped by a trigger on every status change); null for an unknown list. */
export async function listVersion(store: Store, list: number): Promise<number | null> {
  return unavailableOnError(async () => {
    const row = await store.db.selectFrom("status_lists").select("version").where("list", "=", list).executeTakeFirst();
    return row ? row.version : null;
  });
}

/** Indices whose certificates currently have `status` in list `list`. */
export async function setIndices(store: Store, list: number, status: "revoked" | "suspended"): Promise<number[]> {
  return unavailableOnError(async () => {
    const rows = await store.db
      .selectFrom("certificates")
      .select("status_index")
      .where("status_list", "=", list)
      .where("status", "=", status)
      .orderBy("status_index")
      .execute();
    return rows.map((r) => r.status_index!);
  });
}

/** The certificate holding a status slot. */
export async function findBySlot(store: Store, list: number, index: number) {
  return unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select(["id", "status", "status_reason", "status_changed_at", "superseded_by"])
      .where("status_list", "=", list)
      .where("status_index", "=", index)
      .executeTakeFirst(),
  );
}

/**
 * Moves a certificate to `to` if its status is one of `from`, writing the audit entry in the same
 * D1 batch and only if the update happened (SQLite `changes()`). Returns whether it changed.
 */
export async function changeStatus(
  store: Store,
  id: string,
  from: CertificateTable["status"][],
  to: CertificateTable["status"],
  reason: { reason: string | null; note: string | null },
  audit: AuditEntry,
): Promise<boolean> {
  const [update] = await runBatch(store, [
    store.db
      .updateTable("certificates")
      .set({ status: to, status_reason: reason.reason, status_note: reason.note, status_changed_at: audit.at })
      .where("id", "=", id)
      .where("status", "in", from),
    // Audited exactly when the update changed the row.
    auditInsertIf(store, audit, sql`changes() = 1`),
  ]);
  // By primary key: at most one certificate; D1's meta.changes also counts the version trigger's row.
  return (update?.meta.changes ?? 0) > 0;
}

/** Cached signed list credential. */
export async function getCachedList(store: Store, listId: string) {
  return unavailableOnError(() =>
    store.db.selectFrom("status_list_cache").selectAll().where("list_id", "=", listId).executeTakeFirst(),
  );
}

/** Stores a freshly signed list credential. */
export async function putCachedList(
  store: Store,
  row: { list_id: string; etag: string; credential: string; valid_until: string },
) {
  await unavailableOnError(() =>
    store.db
      .insertInto("status_list_cache")
      .values(row)
      .onConflict((oc) =>
        oc.column("list_id").doUpdateSet({ etag: row.etag, credential: row.credential, valid_until: row.valid_until }),
      )
      .execute(),
  );
}
