/**
 * Certificate status changes: revocation (permanent), suspension (reversible) and corrections
 * (reissue). Every write goes through here so the per-isolate status cache is forgotten.
 */
import { VC_API_ACHIEVEMENT } from "../adapters/storage/achievement-repository";
import { auditInsert } from "../adapters/storage/audit-repository";
import {
  certificateInsertIfChanged,
  findCertificate,
  supersedeCertificate,
} from "../adapters/storage/certificate-repository";
import { runBatch } from "../adapters/storage/database";
import { changeStatus } from "../adapters/storage/status-repository";
import type { StatusChangeRequest } from "../lib/request-types.generated";
import type { CertificateRequest } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { notifyIssued, notifyRevoked } from "./deliveries";
import { forgetStatuses } from "./status-cache";
import {
  describeCertificate,
  prepareRequested,
  validateRequest,
  type IssuedCertificate,
  type RequestActor,
} from "./issue-certificate";
import { withSlotRetry } from "./status-slots";
import { requestPdfRenders } from "./pdf-render-requests";

type Transition = "revoke" | "suspend" | "unsuspend";

/**
 * What a status change records: the public reason (none when lifting a suspension) and the
 * staff-only note; the shape of `schemas/status-change-request.json`.
 */
export type StatusChange = StatusChangeRequest;

const RULES: Record<
  Transition,
  { from: ("active" | "suspended" | "revoked")[]; to: "active" | "suspended" | "revoked" }
> = {
  revoke: { from: ["active", "suspended"], to: "revoked" },
  suspend: { from: ["active"], to: "suspended" },
  unsuspend: { from: ["suspended"], to: "active" },
};

/** Applies a status transition; 404 for an unknown certificate, 409 for a forbidden transition. */
export async function changeCertificateStatus(
  deps: AppDeps,
  id: string,
  transition: Transition,
  change: StatusChange,
  who: RequestActor,
) {
  if (transition !== "unsuspend" && !change.reason)
    throw new AppError("ERR_VALIDATION", `reason: required to ${transition} a certificate`, { field: "reason" });
  const reason = transition === "unsuspend" ? null : (change.reason ?? null);
  const note = change.note ?? null;
  if (change.notify && transition !== "revoke")
    throw new AppError("ERR_VALIDATION", `notify: only a revocation sends the participant a notice`, {
      field: "notify",
    });
  const before = await findCertificate(deps.store, id);
  if (!before) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  // Checked before anything changes: a notice that cannot be sent is refused, not silently dropped.
  if (change.notify && !before.email_ciphertext)
    throw new AppError(
      "ERR_CONFLICT",
      "notify: no email address is on record for this certificate (issued before email delivery, or erased); revoke without notify",
      { field: "notify" },
    );
  const rule = RULES[transition];
  const at = deps.clock().toISOString();
  const changed = await changeStatus(
    deps.store,
    id,
    rule.from,
    rule.to,
    { reason, note },
    {
      actor: who.actor,
      action: `certificate.${transition}`,
      target: id,
      requestId: who.requestId,
      at,
      before: { status: before.status, reason: before.status_reason, note: before.status_note },
      after: { status: rule.to, reason, note, ...(change.notify ? { notify: true } : {}) },
    },
  );
  forgetStatuses(deps);
  if (!changed) {
    const now = await findCertificate(deps.store, id);
    throw new AppError("ERR_CONFLICT", `Cannot ${transition} a certificate that is ${now?.status ?? before.status}`, {
      field: "status",
    });
  }
  // The notice is requested after the change is stored: the consumer sends it only for a revoked certificate.
  const delivery = change.notify ? await notifyRevoked(deps, id, before.language, who) : undefined;
  return { id, status: rule.to, reason, note, changedAt: at, ...(delivery ? { delivery } : {}) };
}

/**
 * Corrects a certificate: issues a new one with the corrected data, and in the same D1 batch
 * revokes the old one with the public reason "replaced" pointing at the new one.
 */
export async function reissueCertificate(
  deps: AppDeps,
  oldId: string,
  req: CertificateRequest,
  who: RequestActor,
): Promise<IssuedCertificate & { supersedes: string }> {
  const old = await findCertificate(deps.store, oldId);
  if (!old) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  // A credential issued through the VC-API is not a certificate: correcting it into one is refused.
  if (old.achievement_id === VC_API_ACHIEVEMENT)
    throw new AppError("ERR_CONFLICT", "A VC-API credential is not a certificate; revoke it and issue anew", {
      field: "id",
    });
  if (old.status === "revoked")
    throw new AppError("ERR_CONFLICT", "A revoked certificate cannot be corrected; issue a new one", {
      field: "status",
    });
  const now = deps.clock();
  const valid = await validateRequest(deps, req, now);
  const { name, achievement } = valid;
  const language = req.language ?? old.language;
  const row = await withSlotRetry(async () => {
    const row = await prepareRequested(deps, { ...req, language }, valid, now, oldId);
    const at = now.toISOString();
    const results = await runBatch(deps.store, [
      supersedeCertificate(deps.store, oldId, row.id, at),
      // Only insert the replacement if the old one was still correctable inside this batch.
      certificateInsertIfChanged(deps.store, row),
      auditInsert(deps.store, {
        actor: who.actor,
        action: "certificate.reissue",
        target: oldId,
        requestId: who.requestId,
        at,
        before: { id: oldId, name: old.recipient_name, achievementId: old.achievement_id, validUntil: old.valid_until },
        after: { id: row.id, name, achievementId: achievement.id, validUntil: row.valid_until },
      }),
    ]);
    forgetStatuses(deps);
    // D1's meta.changes also counts the status_lists version trigger's row (migration 0010).
    if ((results[0]?.meta.changes ?? 0) === 0)
      throw new AppError("ERR_CONFLICT", "The certificate was revoked meanwhile", { field: "status" });
    return row;
  });
  await requestPdfRenders(deps, [row.id]);
  // With notify, the corrected certificate goes out with a note that it replaces the earlier one.
  const delivery = req.notify ? await notifyIssued(deps, row.id, "reissued", language, who) : undefined;
  return { ...describeCertificate(deps, row), supersedes: oldId, delivery };
}
