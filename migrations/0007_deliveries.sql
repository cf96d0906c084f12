-- Delivery by email (issue 12). The participant's address is kept encrypted at rest (AES-GCM,
-- ciphertext + key id for rotation) with a keyed blind index (HMAC) for exact lookup; certificates
-- issued before this migration have neither (only the salted hash inside the credential).
ALTER TABLE certificates ADD COLUMN email_ciphertext TEXT;
ALTER TABLE certificates ADD COLUMN email_key_id TEXT;
ALTER TABLE certificates ADD COLUMN email_index TEXT;
-- The participant's language for messages (en | ko).
ALTER TABLE certificates ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko'));
CREATE INDEX certificates_email_index ON certificates (email_index);

-- A batch uploaded with notify sends each issued certificate once.
ALTER TABLE batches ADD COLUMN notify INTEGER NOT NULL DEFAULT 0;

-- One row per message the service means to send. `dedupe_key` is UNIQUE so that a retried job, a
-- re-processed chunk or a re-submitted batch never creates a second message for the same purpose
-- (issued:<certificate id>); an explicit resend gets a fresh key and so a second row.
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  certificate_id TEXT,              -- NULL for a "find my certificates" message
  kind TEXT NOT NULL CHECK (kind IN ('issued', 'reissued', 'resend', 'lookup')),
  language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ko')),
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  -- "find my certificates" only: the blind index of the address asked for. The message goes to the
  -- address on record for it (never to the address as typed), so the typed address is not stored.
  email_index TEXT,
  -- A consumer holds the row until lease_until while it sends, so a duplicate queue message waits.
  lease_until TEXT,
  requested_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX deliveries_certificate ON deliveries (certificate_id, created_at);
CREATE INDEX deliveries_email_index ON deliveries (email_index);
