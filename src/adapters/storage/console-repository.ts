/** Queries behind the staff console: certificate search, dashboard counts, audit filters. */
import { unavailableOnError, type Store } from "./database";

/** Certificate counts by programme and status. */
export async function countsByAchievementAndStatus(store: Store) {
  return unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select(["achievement_id", "status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy(["achievement_id", "status"])
      .execute(),
  );
}

/** The most recent batches with their row counts by state. */
export async function recentBatches(store: Store, limit: number) {
  return unavailableOnError(async () => {
    const batches = await store.db
      .selectFrom("batches")
      .selectAll()
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
    if (batches.length === 0) return [];
    const counts = await store.db
      .selectFrom("batch_rows")
      .select(["batch_id", "state", (eb) => eb.fn.countAll<number>().as("n")])
      .where(
        "batch_id",
        "in",
        batches.map((b) => b.id),
      )
      .groupBy(["batch_id", "state"])
      .execute();
    return batches.map((b) => ({
      ...b,
      counts: Object.fromEntries(counts.filter((c) => c.batch_id === b.id).map((c) => [c.state, Number(c.n)])),
    }));
  });
}

/** Filters of the audit log. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  targets?: string[];
  /** ISO timestamps, inclusive from, exclusive to. */
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
}

/** A page of the audit log, newest first. */
export async function searchAudit(store: Store, q: AuditQuery) {
  return unavailableOnError(async () => {
    let query = store.db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").limit(q.limit);
    if (q.actor) query = query.where("actor", "=", q.actor);
    if (q.action) query = query.where("action", "=", q.action);
    if (q.targets?.length) query = query.where("target", "in", q.targets);
    if (q.from) query = query.where("at", ">=", q.from);
    if (q.to) query = query.where("at", "<", q.to);
    if (q.beforeSeq !== undefined) query = query.where("seq", "<", q.beforeSeq);
    const rows = await query.execute();
    return rows.map((r) => ({ ...r, summary: JSON.parse(r.summary) as { before?: unknown; after?: unknown } }));
  });
}

/** The distinct actions recorded so far (for the audit filter). */
export async function auditActions(store: Store): Promise<string[]> {
  return unavailableOnError(async () =>
    (await store.db.selectFrom("audit_log").select("action").distinct().orderBy("action").execute()).map(
      (r) => r.action,
    ),
  );
}
