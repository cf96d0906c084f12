-- Staff console (/console): staff accounts for Cloudflare Access sign-in, server-side sessions.
-- (Certificate search columns and list indexes are migration 0013's, from the staff search API.)

-- A staff member signed in by Cloudflare Access is found by the email in the Access JWT.
CREATE TABLE staff_accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,      -- lower-cased
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,            -- JSON array of issue | revoke | read | admin
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  disabled_at TEXT
);

-- Console sessions. The cookie holds a random id; only its SHA-256 is stored. The credential
-- (API token or staff account) is re-checked on every request, so revoking it ends the session.
CREATE TABLE console_sessions (
  id_hash TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('token', 'access')),
  credential_id TEXT NOT NULL,     -- token id, 'bootstrap:<hash prefix>' or staff account id
  actor TEXT NOT NULL,             -- the audit identity
  label TEXT NOT NULL,             -- shown in the console header
  csrf_token TEXT NOT NULL,        -- synchronizer token for every state-changing form
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  idle_expires_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

-- The console's audit views: one certificate's trail, one actor's actions.
CREATE INDEX audit_log_target ON audit_log (target, seq);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
