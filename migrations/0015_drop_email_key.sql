-- Drops certificates.email_key (migration 0013): an unkeyed SHA-256 of the address, which anyone
-- who guesses an address can confirm. Nothing has written or read it since staff search moved to
-- the keyed blind index `email_index` (migration 0007). SQLite refuses to drop an indexed column,
-- so its index goes first (sqlite.org/lang_altertable.html, "ALTER TABLE DROP COLUMN").
DROP INDEX IF EXISTS certificates_email_key;
ALTER TABLE certificates DROP COLUMN email_key;
