/** Status-list slots, certificate status changes, and the signed list cache. */
import { sql } from "kysely";
import { auditInsertIf, type AuditEntry } from "./audit-repository";
import { runBatch, unavailableOnError, type CertificateTable, type Store } from "./database";

/** Highest list number in use (0 when none). */
export async function currentList(store: Store): Promise<{ list: number; used: Set<number> }> {
  return unavailableOnError(async () => {
    const top = await store.db
      .selectFrom("certificates")
      .select((eb) => eb.fn.max("status_list").as("list"))
      .executeTakeFirst();
    const list = Number(top?.list ?? 1) || 1;
    const rows = await store.db
      .selectFrom("certificates")
      .select("status_index")
      .where("status_list", "=", list)
      .execute();
    return { list, used: new Set(rows.map((r) => r.status_index!)) };
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

/** Whether any certificate uses list `list`. */
export async function listExists(store: Store, list: number): Promise<boolean> {
  return unavailableOnError(async () =>
    Boolean(
      await store.db
        .selectFrom("certificates")
        .select("id")
        .where("status_list", "=", list)
        .limit(1)
        .executeTakeFirst(),
    ),
  );
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
  return (update?.meta.changes ?? 0) === 1;
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
