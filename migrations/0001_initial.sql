-- Programme catalogue: OB3 Achievements WeGO awards.
CREATE TABLE achievements (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('online', 'workshop')),
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  criteria TEXT NOT NULL,
  city TEXT,
  date TEXT,
  themes TEXT NOT NULL, -- JSON array of strings
  venue TEXT,
  created_at TEXT NOT NULL
);

-- One row per issued certificate, holding the signed credential exactly as issued.
CREATE TABLE certificates (
  id TEXT PRIMARY KEY,
  achievement_id TEXT NOT NULL REFERENCES achievements (id),
  recipient_name TEXT NOT NULL,
  identity_hash TEXT NOT NULL,
  credential TEXT NOT NULL,
  vc_jwt TEXT NOT NULL,
  key_id TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  valid_until TEXT
);
CREATE INDEX certificates_achievement ON certificates (achievement_id);
CREATE INDEX certificates_key ON certificates (key_id);

-- Idempotency-Key → the one certificate it created. The PRIMARY KEY makes concurrent
-- first uses race safely: INSERT … ON CONFLICT DO NOTHING, then read back.
CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  request_hash TEXT NOT NULL,
  certificate_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
