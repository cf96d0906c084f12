/**
 * The typed D1 schema (mirrors `migrations/*.sql`) and the store handle the repositories use.
 * kysely-d1 has no transactions, so atomic multi-statement writes go through D1 `batch()`.
 */
import { Kysely, type Compilable, type Generated } from "kysely";
import { D1Dialect } from "kysely-d1";
import { AppError } from "../../errors";

export interface AchievementTable {
  id: string;
  kind: "online" | "workshop";
  name: string;
  description: string;
  criteria: string;
  city: string | null;
  date: string | null;
  /** JSON array of strings. */
  themes: string;
  venue: string | null;
  created_at: string;
}

export interface CertificateTable {
  id: string;
  achievement_id: string;
  recipient_name: string;
  identity_hash: string;
  /** The signed credential, exactly as issued (JSON text). */
  credential: string;
  vc_jwt: string;
  key_id: string;
  issued_at: string;
  valid_until: string | null;
}

export interface IdempotencyKeyTable {
  key: string;
  request_hash: string;
  certificate_id: string;
  created_at: string;
}

export interface Database {
  achievements: AchievementTable;
  certificates: CertificateTable;
  idempotency_keys: IdempotencyKeyTable;
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
  return unavailableOnError(() => store.d1.batch(statements));
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
    console.error("storage error", cause instanceof Error ? cause.message : cause);
    throw new AppError("ERR_UNAVAILABLE", "The certificate store is temporarily unavailable; try again shortly.", {
      headers: { "Retry-After": "2" },
      cause,
    });
  }
}

export type { Generated };
