/** Append-only audit log of admin actions. */
import { sql, type RawBuilder } from "kysely";
import { unavailableOnError, type Store } from "./database";

/** One audit entry as written. */
export interface AuditEntry {
  actor: string;
  action: string;
  target?: string | null;
  requestId?: string | null;
  before?: unknown;
  after?: unknown;
  at: string;
}

function values(e: AuditEntry) {
  return {
    at: e.at,
    actor: e.actor,
    action: e.action,
    target: e.target ?? null,
    request_id: e.requestId ?? null,
    summary: JSON.stringify({
      ...(e.before === undefined ? {} : { before: e.before }),
      ...(e.after === undefined ? {} : { after: e.after }),
    }),
  };
}

/** The INSERT for an entry, to run in the same D1 batch as the action it records. */
export function auditInsert(store: Store, e: AuditEntry) {
  return store.db.insertInto("audit_log").values(values(e));
}

/**
 * INSERT … SELECT … WHERE condition: an entry written only when `condition` holds inside the same
 * batch (for example `changes() = 1` right after a conditional UPDATE).
 */
export function auditInsertIf(store: Store, e: AuditEntry, condition: RawBuilder<unknown>) {
  const v = values(e);
  const cols = Object.keys(v) as (keyof typeof v)[];
  return store.db
    .insertInto("audit_log")
    .columns(cols)
    .expression(
      store.db.selectNoFrom(cols.map((k) => sql`${v[k]}`.as(k)) as never).where(condition as RawBuilder<boolean>),
    );
}

/** A page of the log, newest first, continuing below `beforeSeq`. */
export async function listAudit(store: Store, opts: { limit: number; beforeSeq?: number; action?: string }) {
  return unavailableOnError(async () => {
    let q = store.db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").limit(opts.limit);
    if (opts.beforeSeq !== undefined) q = q.where("seq", "<", opts.beforeSeq);
    if (opts.action) q = q.where("action", "=", opts.action);
    const rows = await q.execute();
    return rows.map((r) => ({ ...r, summary: JSON.parse(r.summary) as unknown }));
  });
}

/** The audit entry, written only if the previous statement of the D1 batch changed one row. */
export function auditInsertIfChanged(store: Store, e: AuditEntry) {
  return auditInsertIf(store, e, sql`changes() = 1`);
}

/** The audit entry, written only if this request's Idempotency-Key row names `certificateId`. */
export function auditInsertIfKeyWon(store: Store, e: AuditEntry, key: string, certificateId: string) {
  return auditInsertIf(
    store,
    e,
    sql`(SELECT certificate_id FROM idempotency_keys WHERE key = ${key}) = ${certificateId}`,
  );
}
