/** Bulk issuance storage: batches and their rows. */
import type { Compilable } from "kysely";
import { unavailableOnError, type BatchRowTable, type BatchTable, type Store } from "./database";

/** Rows per multi-row INSERT: D1 allows 100 bound parameters per statement (7 columns each). */
const ROWS_PER_INSERT = 12;

/** INSERT statements for a batch's rows, chunked, for D1 batches. */
export function batchRowInserts(store: Store, rows: BatchRowTable[]): Compilable[] {
  const out: Compilable[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    out.push(store.db.insertInto("batch_rows").values(rows.slice(i, i + ROWS_PER_INSERT)));
  return out;
}

/** INSERT of a batch header. */
export function batchInsert(store: Store, batch: BatchTable) {
  return store.db.insertInto("batches").values(batch);
}

/** Up to `limit` pending rows of a batch, in line order. */
export async function pendingBatchRows(store: Store, batchId: string, limit: number) {
  return unavailableOnError(() =>
    store.db
      .selectFrom("batch_rows")
      .selectAll()
      .where("batch_id", "=", batchId)
      .where("state", "=", "pending")
      .orderBy("line")
      .limit(limit)
      .execute(),
  );
}

/**
 * Settles a still-pending row (issued, existing or failed) and drops its payload: the row's name
 * and email in clear are needed only until it is signed, so they are not kept afterwards.
 */
export function settleBatchRow(
  store: Store,
  batchId: string,
  line: number,
  outcome: Pick<BatchRowTable, "state" | "certificate_id" | "error">,
) {
  return store.db
    .updateTable("batch_rows")
    .set({ ...outcome, payload: null })
    .where("batch_id", "=", batchId)
    .where("line", "=", line)
    .where("state", "=", "pending");
}

/** A batch header, or undefined. */
export async function findBatch(store: Store, batchId: string) {
  return unavailableOnError(() =>
    store.db.selectFrom("batches").selectAll().where("id", "=", batchId).executeTakeFirst(),
  );
}

/**
 * How many rows of a batch are in each state: counted on the (batch_id, state) index, no row read
 * (POST /admin/batches/{id}/process reports progress after every chunk of a batch of any size).
 */
export async function batchRowCounts(store: Store, batchId: string) {
  return unavailableOnError(() =>
    store.db
      .selectFrom("batch_rows")
      .select(["state", (eb) => eb.fn.countAll<number>().as("n")])
      .where("batch_id", "=", batchId)
      .groupBy("state")
      .execute(),
  );
}

/** All rows of a batch, in line order. */
export async function listBatchRows(store: Store, batchId: string) {
  return unavailableOnError(() =>
    store.db.selectFrom("batch_rows").selectAll().where("batch_id", "=", batchId).orderBy("line").execute(),
  );
}
