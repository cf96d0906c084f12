-- The status list's set bits are read with
--   WHERE status_list = ? AND status = ? AND status <> 'active' ORDER BY status_index
-- (src/adapters/storage/status-repository.ts setIndices): only revoked and suspended rows. Indexing
-- active rows too made every issuance write one more B-tree at a random position (the slot is
-- permuted), the one write per certificate that grew with the database. Partial: a new certificate
-- is not in it; a status change moves its row in or out. SQLite uses a partial index only when
-- the query's WHERE holds the index's WHERE term as written (https://sqlite.org/partialindex.html
-- §3), hence the literal `status <> 'active'` in the query.
DROP INDEX certificates_status_bits;
CREATE INDEX certificates_status_bits ON certificates (status_list, status, status_index) WHERE status <> 'active';
