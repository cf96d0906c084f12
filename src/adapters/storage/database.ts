/**
 * The typed D1 schema (mirrors `migrations/*.sql`) and the store handle the repositories use.
 * kysely-d1 has no transactions, so atomic multi-statement writes go through D1 `batch()`.
 */
import { Kysely, sql, type Compilable, type Generated } from "kysely";
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
  status: "active" | "suspended" | "revoked";
  /** Public reason code (domain/status-reasons.ts); null while active. */
  status_reason: string | null;
  /** Staff-only note on the last status change (migration 0014): admin API and audit log only. */
  status_note: string | null;
  status_changed_at: string | null;
  superseded_by: string | null;
  supersedes: string | null;
  status_list: number | null;
  status_index: number | null;
  compact_token: string | null;
  external_id: string | null;
  batch_id: string | null;
  /** The participant's address, AES-GCM sealed (migration 0007); null before it or after erasure. */
  email_ciphertext: string | null;
  email_key_id: string | null;
  /** Blind index (HMAC) of the address, for exact lookup. */
  email_index: string | null;
  /** The participant's language: messages (migration 0007) and the printed PDF (issue 14). */
  language: "en" | "ko";
  /** The recipient name as staff search for it (lib/search-key.ts; migration 0013). */
  search_name: string | null;
}

export interface StatusListCacheTable {
  list_id: string;
  etag: string;
  credential: string;
  valid_until: string;
}

/** One row per status list (migration 0010): slot counter, permutation key, change version. */
export interface StatusListTable {
  list: number;
  next: number;
  key: string;
  version: number;
}

export interface AdminTokenTable {
  id: string;
  name: string;
  token_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  request_id: string | null;
  /** JSON { before?, after? }. */
  summary: string;
}

export interface BatchTable {
  id: string;
  created_at: string;
  created_by: string;
  source: "csv" | "json" | "xlsx";
  total: number;
  invalid: number;
  /** 1 when each issued certificate is emailed to its participant. */
  notify: number;
}

export interface BatchRowTable {
  batch_id: string;
  line: number;
  external_id: string | null;
  payload: string | null;
  state: "pending" | "issued" | "existing" | "failed";
  certificate_id: string | null;
  error: string | null;
}

export interface IdempotencyKeyTable {
  key: string;
  request_hash: string;
  certificate_id: string;
  created_at: string;
}

/** The SHA-256 of every certificate PDF served (migration 0004). */
export interface CertificatePdfTable {
  sha256: string;
  certificate_id: string;
  renderer: string;
  created_at: string;
}

/** Short verification codes, one per certificate (migration 0011). */
export interface CertificateCodeTable {
  code: string;
  certificate_id: string;
  created_at: string;
}

/** Kinds of message (migration 0007). */
export type DeliveryKind = "issued" | "reissued" | "resend" | "lookup";

/** One message the service means to send, and what became of it. */
export interface DeliveryTable {
  id: string;
  dedupe_key: string;
  certificate_id: string | null;
  kind: DeliveryKind;
  language: "en" | "ko";
  status: "queued" | "sent" | "failed";
  attempts: number;
  last_error: string | null;
  email_index: string | null;
  lease_until: string | null;
  requested_by: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** Values the service pins in its own database (migration 0009): issuer_did, signing_kid, signing_fenced_at. */
export interface ServiceSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** A learning platform allowed to ask for certificates (migration 0008). */
export interface CompletionSourceTable {
  id: string;
  name: string;
  kind: "generic" | "moodle" | "thinkific" | "teachable" | "learnworlds" | "canvas" | "other";
  /** JSON field mapping (JSON Pointers), see domain/completion-mapping.ts. */
  fields: string;
  default_language: "en" | "ko";
  replay_window_seconds: number;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface SourceCourseTable {
  source_id: string;
  course: string;
  achievement_id: string;
}

export interface SourceKeyTable {
  id: string;
  source_id: string;
  purpose: "webhook" | "claim";
  /** `secret`: AES-GCM ciphertext of a shared secret; `jwk`: a public JWK (JSON). */
  kind: "secret" | "jwk";
  material: string;
  created_at: string;
  expires_at: string | null;
}

export interface CompletionClaimTable {
  source_id: string;
  claim_key: string;
  certificate_id: string;
  created_at: string;
}

export interface CompletionEventTable {
  seq: Generated<number>;
  source_id: string;
  channel: "webhook" | "claim";
  message_id: string | null;
  enrolment: string | null;
  course: string | null;
  outcome: "issued" | "duplicate" | "rejected";
  code: string | null;
  reason: string | null;
  certificate_id: string | null;
  received_at: string;
  request_id: string | null;
}

/** Staff signed in through Cloudflare Access (migration 0006). */
export interface StaffAccountTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: string;
  created_by: string;
  disabled_at: string | null;
}

/** Server-side console sessions (migration 0006); the cookie holds the id, the table its SHA-256. */
export interface ConsoleSessionTable {
  id_hash: string;
  kind: "token" | "access";
  credential_id: string;
  actor: string;
  label: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
}

export interface Database {
  service_settings: ServiceSettingTable;
  achievements: AchievementTable;
  certificates: CertificateTable;
  idempotency_keys: IdempotencyKeyTable;
  status_list_cache: StatusListCacheTable;
  status_lists: StatusListTable;
  admin_tokens: AdminTokenTable;
  audit_log: AuditLogTable;
  batches: BatchTable;
  batch_rows: BatchRowTable;
  certificate_pdfs: CertificatePdfTable;
  certificate_codes: CertificateCodeTable;
  completion_sources: CompletionSourceTable;
  source_courses: SourceCourseTable;
  source_keys: SourceKeyTable;
  completion_claims: CompletionClaimTable;
  completion_events: CompletionEventTable;
  deliveries: DeliveryTable;
  staff_accounts: StaffAccountTable;
  console_sessions: ConsoleSessionTable;
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
