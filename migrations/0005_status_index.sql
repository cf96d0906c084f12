-- The status list's set bits (and its ETag) are read with
--   WHERE status_list = ? AND status = ? ORDER BY status_index
-- Without this index that walks every row of the list (17 ms at 1,000 certificates, 574 ms at
-- 100,000, and every row billed as read on D1); with it, only the rows whose bit is set.
CREATE INDEX certificates_status_bits ON certificates (status_list, status, status_index);
DROP INDEX certificates_status;
