-- Operations (issue 17): settings the service pins in its own database, and the signing fence.
--
-- issuer_did: the did:web of the first certificate issued here; a deployment whose
--   PUBLIC_BASE_URL gives another DID refuses to serve (every stored certificate names this one).
-- signing_kid / signing_fenced_at: set by `npm run deploy` at the start of a key rotation. From
--   then on only that key may store a certificate or a status list, so the version still running
--   with the old key stops signing (it answers 503, batches retry) and the old key's notAfter is
--   signing_fenced_at: nothing the old key signed is dated after its window closed.
CREATE TABLE service_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TRIGGER certificates_signing_fence BEFORE INSERT ON certificates
WHEN EXISTS (SELECT 1 FROM service_settings WHERE key = 'signing_kid' AND value <> NEW.key_id)
BEGIN
  SELECT RAISE(ABORT, 'WEGO_SIGNING_FENCE: another key signs now');
END;

-- Status lists name their key in proof.verificationMethod ("<did>#<kid>").
CREATE TRIGGER status_list_signing_fence_insert BEFORE INSERT ON status_list_cache
WHEN EXISTS (
  SELECT 1 FROM service_settings
  WHERE key = 'signing_kid'
    AND COALESCE(json_extract(NEW.credential, '$.proof.verificationMethod'), '') NOT LIKE '%#' || value
)
BEGIN
  SELECT RAISE(ABORT, 'WEGO_SIGNING_FENCE: another key signs now');
END;

CREATE TRIGGER status_list_signing_fence_update BEFORE UPDATE ON status_list_cache
WHEN EXISTS (
  SELECT 1 FROM service_settings
  WHERE key = 'signing_kid'
    AND COALESCE(json_extract(NEW.credential, '$.proof.verificationMethod'), '') NOT LIKE '%#' || value
)
BEGIN
  SELECT RAISE(ABORT, 'WEGO_SIGNING_FENCE: another key signs now');
END;
