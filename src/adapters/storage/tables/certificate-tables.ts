/** Row types of the D1 tables (mirror `migrations/*.sql`): certificates, their catalogue, status lists, PDFs, short codes and idempotency keys. */
import type { AchievementRecord } from "../../../domain/types";

/** A catalogue entry as stored: the domain's record with its themes as JSON text (an array of strings). */
export type AchievementTable = Omit<AchievementRecord, "themes"> & { themes: string; created_at: string };

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
