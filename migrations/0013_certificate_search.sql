-- Staff search (GET /admin/certificates): a normalised name key, an email lookup key, and indexes
-- that match the list queries (newest first, keyset-paged on (issued_at, id)).
--
-- search_name: the recipient name NFKD-decomposed, combining marks removed, case-folded and
-- whitespace-collapsed (src/lib/search-key.ts). SQLite cannot decompose Unicode, so this migration
-- fills the rows whose name is printable ASCII (where the key is lower(name)); any other row
-- issued before it gets its key from the service on the first name search (fillSearchKeys).
ALTER TABLE certificates ADD COLUMN search_name TEXT;
UPDATE certificates SET search_name = lower(recipient_name) WHERE recipient_name NOT GLOB '*[^ -~]*' AND recipient_name NOT GLOB '*  *' AND trim(recipient_name) = recipient_name;
CREATE INDEX certificates_search_pending ON certificates (id) WHERE search_name IS NULL;

-- email_key: hex SHA-256 of "wego-email-search:" + the trimmed, NFC, lower-cased email, so staff
-- can answer "did this person get one?". The credential holds only a salted hash; rows issued
-- before this migration have no key (their email was never stored) and are not found by email.
ALTER TABLE certificates ADD COLUMN email_key TEXT;
CREATE INDEX certificates_email_key ON certificates (email_key, issued_at, id);

-- List order and each equality filter followed by the order, so a page is an index range walk.
CREATE INDEX certificates_issued ON certificates (issued_at, id);
CREATE INDEX certificates_achievement_issued ON certificates (achievement_id, issued_at, id);
CREATE INDEX certificates_status_issued ON certificates (status, issued_at, id);
CREATE INDEX certificates_batch_issued ON certificates (batch_id, issued_at, id);
CREATE INDEX certificates_key_issued ON certificates (key_id, issued_at, id);
-- The composite indexes above begin with these columns, so the single-column ones are redundant.
DROP INDEX certificates_achievement;
DROP INDEX certificates_key;
