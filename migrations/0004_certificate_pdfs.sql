-- Every certificate PDF the service hands out is recorded by its SHA-256, so an uploaded PDF is
-- recognised by its exact bytes: a PDF is genuine only if it is byte for byte one WeGO served.
-- (Viewers render what the cross-reference table and incremental updates say, not what one parser
-- reads; exact bytes leave nothing for a viewer and a parser to disagree on.)
CREATE TABLE certificate_pdfs (
  sha256 TEXT PRIMARY KEY,          -- hex SHA-256 of the PDF bytes
  certificate_id TEXT NOT NULL REFERENCES certificates (id),
  renderer TEXT NOT NULL,           -- renderer version that produced it
  created_at TEXT NOT NULL
);
CREATE INDEX certificate_pdfs_certificate ON certificate_pdfs (certificate_id);
