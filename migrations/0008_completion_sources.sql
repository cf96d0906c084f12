-- Certificates from learning platforms (issue 16): completion sources, their keys and course
-- mappings, the claims that make each completion issue at most once, and the events staff review.

-- A learning platform allowed to ask for certificates. `fields` maps the platform's event to the
-- participant and course as JSON Pointers (RFC 6901); see README "Learning platforms".
CREATE TABLE completion_sources (
  id TEXT PRIMARY KEY, -- slug in /hooks/completions/{id} and /claim/{id}
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('generic', 'moodle', 'thinkific', 'teachable', 'learnworlds', 'canvas', 'other')),
  fields TEXT NOT NULL, -- JSON { course, enrolment?, name, email, language? }
  default_language TEXT NOT NULL CHECK (default_language IN ('en', 'ko')),
  replay_window_seconds INTEGER NOT NULL CHECK (replay_window_seconds BETWEEN 30 AND 300),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Platform course id → catalogue achievement, per source.
CREATE TABLE source_courses (
  source_id TEXT NOT NULL REFERENCES completion_sources (id),
  course TEXT NOT NULL,
  achievement_id TEXT NOT NULL REFERENCES achievements (id),
  PRIMARY KEY (source_id, course)
);

-- Keys of a source: Standard Webhooks secrets ('webhook') and claim-link keys ('claim'). Shared
-- secrets are stored AES-GCM-encrypted under the SOURCE_SECRETS_KEY Worker secret, bound to their
-- row; public JWKs are stored as they are. A rotated-out key keeps working until expires_at.
CREATE TABLE source_keys (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL REFERENCES completion_sources (id),
  purpose TEXT NOT NULL CHECK (purpose IN ('webhook', 'claim')),
  kind TEXT NOT NULL CHECK (kind IN ('secret', 'jwk')),
  material TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT
);
CREATE INDEX source_keys_source ON source_keys (source_id, purpose);

-- At most one certificate per (source, key): key `m:<webhook-id>` or `j:<jti>` for a message,
-- `e:<enrolment>` for an enrolment. The PRIMARY KEY decides concurrent duplicates inside one D1 batch.
CREATE TABLE completion_claims (
  source_id TEXT NOT NULL,
  claim_key TEXT NOT NULL,
  certificate_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (source_id, claim_key)
);

-- Every completion received, with its outcome, for staff (no email or name stored here).
CREATE TABLE completion_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'claim')),
  message_id TEXT,
  enrolment TEXT,
  course TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('issued', 'duplicate', 'rejected')),
  code TEXT,
  reason TEXT,
  certificate_id TEXT,
  received_at TEXT NOT NULL,
  request_id TEXT
);
CREATE INDEX completion_events_source ON completion_events (source_id, seq);
