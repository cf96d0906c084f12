-- Short human verification codes printed on certificates (e.g. WEGO-7KQ4-M2XD, see
-- src/domain/short-code.ts): one per certificate, unique, stored in canonical form. A code is given
-- to a certificate the first time its PDF is rendered (or at issue), so codes exist for every
-- certificate anyone holds on paper; the PDF reprints the stored code, byte for byte.
CREATE TABLE certificate_codes (
  code TEXT PRIMARY KEY,                  -- canonical WEGO-XXXX-XXXX
  certificate_id TEXT NOT NULL UNIQUE REFERENCES certificates (id),
  created_at TEXT NOT NULL
);

-- The language a certificate's PDF is printed in is `certificates.language` ("en" or "ko"), added by
-- 0007 as the participant's language for messages: one column, one meaning.
