/**
 * The typed D1 schema (mirrors `migrations/*.sql`) and the store handle the repositories use.
 * kysely-d1 has no transactions, so atomic multi-statement writes go through D1 `batch()`.
 */
import { Kysely, sql, type Compilable, type Generated } from "kysely";
import { D1Dialect } from "kysely-d1";
import { AppError } from "../../errors";
import type * as Certificates from "./tables/certificate-tables";
import type * as Batches from "./tables/batch-tables";
import type * as Deliveries from "./tables/delivery-tables";
import type * as Completions from "./tables/completion-tables";
import type * as Operations from "./tables/operation-tables";

export type * from "./tables/certificate-tables";
export type * from "./tables/batch-tables";
export type * from "./tables/delivery-tables";
export type * from "./tables/completion-tables";
export type * from "./tables/operation-tables";

/** The D1 tables, by name. */
export interface Database {
  service_settings: Operations.ServiceSettingTable;
  achievements: Certificates.AchievementTable;
  certificates: Certificates.CertificateTable;
  idempotency_keys: Certificates.IdempotencyKeyTable;
  status_list_cache: Certificates.StatusListCacheTable;
  status_lists: Certificates.StatusListTable;
  admin_tokens: Operations.AdminTokenTable;
  audit_log: Operations.AuditLogTable;
  batches: Batches.BatchTable;
  batch_rows: Batches.BatchRowTable;
  certificate_pdfs: Certificates.CertificatePdfTable;
  certificate_codes: Certificates.CertificateCodeTable;
  completion_sources: Completions.CompletionSourceTable;
  source_courses: Completions.SourceCourseTable;
  source_keys: Completions.SourceKeyTable;
  completion_claims: Completions.CompletionClaimTable;
  completion_events: Completions.CompletionEventTable;
  deliveries: Deliveries.DeliveryTable;
  staff_accounts: Operations.StaffAccountTable;
  console_sessions: Operations.ConsoleSessionTable;
}

/** Kysely for queries plus the raw binding for `batch()`. */
export interface Store {
  db: Kysely<Database>;
  d1: D1Database;
}

/** Wraps a D1 binding. */
export function createStore(d1: D1Database): Store {
  return { db: new Kysely<Database>({ dialect: new D1Dialect({ database: d1 }) }), d1 };
}

/** Runs compiled Kysely statements atomically in one D1 batch (an implicit transaction). */
export async function runBatch(store: Store, queries: Compilable[]): Promise<D1Result[]> {
  const statements = queries.map((q) => {
    const c = q.compile();
    return store.d1.prepare(c.sql).bind(...(c.parameters as unknown[]));
  });
  try {
    return await store.d1.batch(statements);
  } catch (cause) {
    const m = /UNIQUE constraint failed: ([\w., ]+)/.exec(cause instanceof Error ? cause.message : String(cause));
    if (m) throw new AppError("ERR_CONFLICT", `unique constraint: ${m[1]}`, { cause });
    return unavailableOnError(() => Promise.reject(cause));
  }
}

/**
 * Runs a storage call; a database failure becomes ERR_UNAVAILABLE (503 + Retry-After) so that
 * callers answer "try again" and never a wrong verdict.
 */
export async function unavailableOnError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    // The rotation fence (migration 0009): this version's key no longer signs; the next version will.
    if (/WEGO_SIGNING_FENCE/.test(cause instanceof Error ? cause.message : String(cause)))
      throw new AppError("ERR_UNAVAILABLE", "A signing-key rotation is in progress; try again shortly.", {
        headers: { "Retry-After": "30" },
        cause,
      });
    console.error(
      JSON.stringify({
        level: "error",
        event: "storage_error",
        error: cause instanceof Error ? cause.message : String(cause),
      }),
    );
    throw new AppError("ERR_UNAVAILABLE", "The certificate store is temporarily unavailable; try again shortly.", {
      headers: { "Retry-After": "2" },
      cause,
    });
  }
}

/** A trivial query: storage answers (health check). */
export async function pingStore(store: Store): Promise<void> {
  await unavailableOnError(() => sql`SELECT 1`.execute(store.db));
}

export type { Generated };
