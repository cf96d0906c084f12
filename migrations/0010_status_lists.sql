-- One row per status list (r<list> and s<list> share it): what lets issuance and publication
-- work without reading the list's certificates.
--   next     slots handed out; the n-th slot's index is permuteSlot(n, key) (src/domain/slot-permutation.ts)
--   key      the list's permutation key (16 random bytes, hex), never published
--   version  bumped by the triggers below whenever a certificate of the list changes status;
--            the signed list's ETag derives from it, so serving an unchanged list reads one row
CREATE TABLE status_lists (
  list INTEGER PRIMARY KEY,
  next INTEGER NOT NULL DEFAULT 0,
  key TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0
);

-- Lists filled before this migration used random picks: they are closed (next = size), so new
-- certificates start a fresh list and never collide with an old random slot.
INSERT INTO status_lists (list, next, key, version)
SELECT DISTINCT status_list, 131072, lower(hex(randomblob(16))), 0 FROM certificates WHERE status_list IS NOT NULL;

-- Any status change, by any code path, moves the list's version (SQLite counts trigger writes
-- apart from changes(), so the "audit only if changed" statements that follow still work).
CREATE TRIGGER certificates_status_version AFTER UPDATE OF status ON certificates
WHEN OLD.status IS NOT NEW.status AND NEW.status_list IS NOT NULL
BEGIN
  UPDATE status_lists SET version = version + 1 WHERE list = NEW.status_list;
END;
CREATE TRIGGER certificates_delete_version AFTER DELETE ON certificates
WHEN OLD.status_list IS NOT NULL AND OLD.status IS NOT 'active'
BEGIN
  UPDATE status_lists SET version = version + 1 WHERE list = OLD.status_list;
END;
