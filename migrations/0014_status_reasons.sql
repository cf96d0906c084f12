-- Public status reasons and staff-only notes (issue 14): `status_reason` now holds one public code
-- (issued-in-error | replaced | withdrawn | under-review, see src/domain/status-reasons.ts), shown
-- translated to employers; the free text staff wrote moves to `status_note`, which only the admin
-- API and the audit log show.
ALTER TABLE certificates ADD COLUMN status_note TEXT;

UPDATE certificates
SET status_note = CASE WHEN status_reason = 'superseded' THEN NULL ELSE status_reason END,
    status_reason = CASE
      WHEN superseded_by IS NOT NULL THEN 'replaced'
      WHEN status = 'suspended' THEN 'under-review'
      WHEN status = 'revoked' THEN 'withdrawn'
      ELSE NULL
    END
WHERE status_reason IS NOT NULL
  AND status_reason NOT IN ('issued-in-error', 'replaced', 'withdrawn', 'under-review');
