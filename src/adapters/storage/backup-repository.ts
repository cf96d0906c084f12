/** Reading the whole database for a backup, table by table in rowid order, and the retention purge. */
import { unavailableOnError, type Store } from "./database";

/** Schema objects to back up (D1's internal `_cf_` tables and SQLite's own excluded). */
export async function schemaObjects(
  store: Store,
): Promise<{ type: "table" | "index" | "trigger"; name: string; sql: string }[]> {
  const res = await unavailableOnError(() =>
    store.d1
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' ORDER BY rowid",
      )
      .all<{ type: "table" | "index" | "trigger"; name: string; sql: string }>(),
  );
  return res.results;
}

/** Up to `limit` rows of `table` after `afterRowid` (table names come from sqlite_master). */
export async function tableChunk(
  store: Store,
  table: string,
  afterRowid: number,
  limit: number,
): Promise<{ columns: string[]; rows: unknown[][]; lastRowid: number }> {
  const [header, ...rows] = await unavailableOnError(() =>
    store.d1
      .prepare(`SELECT rowid AS __rowid, * FROM "${table.replace(/"/g, '""')}" WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      .bind(afterRowid, limit)
      .raw({ columnNames: true }),
  );
  const columns = (header as string[] | undefined)?.slice(1) ?? [];
  return {
    columns,
    rows: rows.map((r) => r.slice(1)),
    lastRowid: rows.length ? Number(rows[rows.length - 1]![0]) : afterRowid,
  };
}

/**
 * Retention: idempotency keys after 30 days (a client retry never comes that late), and the
 * payload of batch rows never signed (failed or abandoned) after 30 days. Returns rows changed.
 */
export async function purgeExpired(
  store: Store,
  now: Date,
): Promise<{ idempotencyKeys: number; batchPayloads: number }> {
  const cutoff = new Date(now.getTime() - 30 * 86400_000).toISOString();
  const [keys, payloads] = await unavailableOnError(() =>
    store.d1.batch([
      store.d1.prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(cutoff),
      store.d1
        .prepare(
          "UPDATE batch_rows SET payload = NULL WHERE payload IS NOT NULL AND batch_id IN (SELECT id FROM batches WHERE created_at < ?)",
        )
        .bind(cutoff),
    ]),
  );
  return { idempotencyKeys: keys!.meta.changes ?? 0, batchPayloads: payloads!.meta.changes ?? 0 };
}

/** Runs restore statements into a database, 100 per D1 batch (each batch one transaction). */
export async function executeStatements(
  d1: D1Database,
  statements: { sql: string; params: unknown[] }[],
): Promise<void> {
  for (let i = 0; i < statements.length; i += 100)
    await d1.batch(statements.slice(i, i + 100).map((s) => d1.prepare(s.sql).bind(...s.params)));
}
