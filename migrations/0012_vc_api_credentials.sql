-- Credentials issued through the W3C VC-API that are not WeGO certificates (issue 10) are stored in
-- `certificates` like every other signature of WeGO's key: recorded, audited and revocable through
-- the same status lists. They reference this reserved catalogue row, which the catalogue never lists,
-- finds or issues against (src/adapters/storage/achievement-repository.ts); its id cannot be created
-- through the API (ids are [a-z0-9-]).
INSERT INTO achievements (id, kind, name, description, criteria, city, date, themes, venue, created_at) VALUES ('_vc-api', 'online', 'Credential issued through the VC-API', 'Reserved: a credential issued through POST /credentials/issue that is not a WeGO certificate.', 'Issued by a WeGO administrator through the VC-API.', NULL, NULL, '[]', NULL, '2026-12-01T00:00:00Z');
