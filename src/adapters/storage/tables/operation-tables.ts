/** Row types of the D1 tables (mirror `migrations/*.sql`): who may act and what they did: admin tokens, staff, console sessions, the audit log and pinned service settings. */
import type { Generated } from "kysely";

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

/** Values the service pins in its own database (migration 0009): issuer_did, signing_kid, signing_fenced_at. */
export interface ServiceSettingTable {
  key: string;
  value: string;
  updated_at: string;
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
