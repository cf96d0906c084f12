/** Row types of the D1 tables (mirror `migrations/*.sql`): learning platforms asking for certificates (migration 0008). */
import type { Generated } from "kysely";

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
  /** 1: each certificate issued for a completion is emailed to the participant (migration 0016). */
  notify: number;
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
