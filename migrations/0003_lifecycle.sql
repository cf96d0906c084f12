-- Lifecycle: status (revocation / suspension via Bitstring Status List), corrections,
-- bulk issuance, scoped admin tokens, append-only audit log, compact QR token.

ALTER TABLE certificates ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'revoked'));
ALTER TABLE certificates ADD COLUMN status_reason TEXT;
ALTER TABLE certificates ADD COLUMN status_changed_at TEXT;
ALTER TABLE certificates ADD COLUMN superseded_by TEXT;
ALTER TABLE certificates ADD COLUMN supersedes TEXT;
-- Bitstring Status List position: the same index in list r<N> (revocation) and s<N> (suspension).
ALTER TABLE certificates ADD COLUMN status_list INTEGER;
ALTER TABLE certificates ADD COLUMN status_index INTEGER;
ALTER TABLE certificates ADD COLUMN compact_token TEXT;
ALTER TABLE certificates ADD COLUMN external_id TEXT;
ALTER TABLE certificates ADD COLUMN batch_id TEXT;
CREATE UNIQUE INDEX certificates_status_slot ON certificates (status_list, status_index);
CREATE UNIQUE INDEX certificates_external_id ON certificates (external_id);
CREATE INDEX certificates_status ON certificates (status_list, status);

-- Signed status-list credentials, rebuilt when the set of set bits changes (etag).
CREATE TABLE status_list_cache (
  list_id TEXT PRIMARY KEY, -- r1, s1, ...
  etag TEXT NOT NULL,
  credential TEXT NOT NULL,
  valid_until TEXT NOT NULL
);

-- Scoped admin tokens, stored only as SHA-256 hashes.
CREATE TABLE admin_tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL, -- JSON array of issue | revoke | read | admin
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);

-- Append-only audit log: no API updates or deletes it, and these triggers refuse to.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  request_id TEXT,
  summary TEXT NOT NULL -- JSON { before?, after? }
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Bulk issuance.
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  source TEXT NOT NULL, -- csv | json
  total INTEGER NOT NULL,
  invalid INTEGER NOT NULL
);
CREATE TABLE batch_rows (
  batch_id TEXT NOT NULL, -- no FOREIGN KEY: rows are written before their batch header (see services/batches.ts)
  line INTEGER NOT NULL,
  external_id TEXT,
  payload TEXT, -- JSON of the validated row (pending rows only need it)
  state TEXT NOT NULL CHECK (state IN ('pending', 'issued', 'existing', 'failed')),
  certificate_id TEXT,
  error TEXT, -- JSON [{ field, message }]
  PRIMARY KEY (batch_id, line)
);
CREATE INDEX batch_rows_pending ON batch_rows (batch_id, state);
