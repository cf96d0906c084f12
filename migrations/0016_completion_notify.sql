-- Email on completion and revocation notices (issues 12 and 16).
--
-- A learning platform's completions email the participant the same "issued" message as any other
-- issuance, unless staff turn it off for that source (for a platform that mails certificates itself).
ALTER TABLE completion_sources ADD COLUMN notify INTEGER NOT NULL DEFAULT 1 CHECK (notify IN (0, 1));

-- A new delivery kind, `revoked`: the notice staff may ask for when they revoke a certificate
-- (revocation sends nothing unless asked). SQLite cannot change a CHECK constraint in place, so the
-- table is rebuilt with the same columns, rows and indexes (SQLite "ALTER TABLE", section 7).
CREATE TABLE deliveries_next (
  id TEXT PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  certificate_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('issued', 'reissued', 'resend', 'lookup', 'revoked')),
  language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko')),
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  email_index TEXT,
  lease_until TEXT,
  requested_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
);
INSERT INTO deliveries_next (
  id, dedupe_key, certificate_id, kind, language, status, attempts, last_error, email_index,
  lease_until, requested_by, created_at, updated_at, sent_at
)
SELECT
  id, dedupe_key, certificate_id, kind, language, status, attempts, last_error, email_index,
  lease_until, requested_by, created_at, updated_at, sent_at
FROM deliveries;
DROP TABLE deliveries;
ALTER TABLE deliveries_next RENAME TO deliveries;
CREATE INDEX deliveries_certificate ON deliveries (certificate_id, created_at);
CREATE INDEX deliveries_email_index ON deliveries (email_index);
-- The console's dashboard lists failed deliveries, newest first.
CREATE INDEX deliveries_failed ON deliveries (status, updated_at) WHERE status = 'failed';
