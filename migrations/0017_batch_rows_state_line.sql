-- A batch chunk reads its next pending rows in line order (services/batches.ts processBatch), and
-- every chunk reports progress as counts per state. On (batch_id, state) alone SQLite answered the
-- first from the primary key, (batch_id, line), stepping over every row already settled: each chunk
-- of a 10,000-row batch read up to 10,000 rows. With line in the index both read only what they
-- need (test/integration/status-scale.test.ts checks the plans).
CREATE INDEX batch_rows_state_line ON batch_rows (batch_id, state, line);
DROP INDEX batch_rows_pending;
