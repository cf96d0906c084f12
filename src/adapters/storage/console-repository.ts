/** Queries behind the staff console: certificate search, dashboard counts, audit filters. */
import { sql } from "kysely";
import { unavailableOnError, type CertificateTable, type Store } from "./database";

/** Filters of the certificate list; `raw` is the text as typed. */
export interface CertificateQuery {
  raw?: string;
  achievementId?: string;
  status?: CertificateTable["status"];
  batchId?: string;
  /** Continue after this (issued_at, id), newest first. */
  after?: { issuedAt: string; id: string };
  limit: number;
}

/** One row of the certificate list. */
export type CertificateListRow = Pick<
  CertificateTable,
  "id" | "recipient_name" | "achievement_id" | "status" | "issued_at" | "external_id" | "batch_id"
>;

/**
 * A page of certificates, newest first (keyset pagination: the database reads one page, not
 * every row before it). The text matches the name anywhere (SQLite LIKE: case-insensitive for ASCII
 * only), or an id / external id exactly.
 */
export async function searchCertificates(store: Store, q: CertificateQuery): Promise<CertificateListRow[]> {
  return unavailableOnError(() => {
    let query = store.db
      .selectFrom("certificates")
      .select(["id", "recipient_name", "achievement_id", "status", "issued_at", "external_id", "batch_id"])
      .orderBy("issued_at", "desc")
      .orderBy("id", "desc")
      .limit(q.limit);
    if (q.raw) {
      const raw = q.raw;
      const pattern = `%${raw.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb("id", "=", raw),
          eb("external_id", "=", raw),
          eb("recipient_name", "like", sql<string>`${pattern} ESCAPE '\\'`),
        ]),
      );
    }
    if (q.achievementId) query = query.where("achievement_id", "=", q.achievementId);
    if (q.status) query = query.where("status", "=", q.status);
    if (q.batchId) query = query.where("batch_id", "=", q.batchId);
    if (q.after) {
      const { issuedAt, id } = q.after;
      query = query.where((eb) =>
        eb.or([eb("issued_at", "<", issuedAt), eb.and([eb("issued_at", "=", issuedAt), eb("id", "<", id)])]),
      );
    }
    return query.execute();
  });
}

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
