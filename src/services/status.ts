/**
 * Certificate status: revocation (permanent), suspension (reversible), corrections (reissue),
 * the signed Bitstring Status List credentials, and the status check used by verification.
 */
import { VC_API_ACHIEVEMENT } from "../adapters/storage/achievement-repository";
import { toHex, utf8 } from "../lib/encoding";
import { auditInsert } from "../adapters/storage/audit-repository";
import {
  certificateInsertIfChanged,
  findCertificate,
  supersedeCertificate,
} from "../adapters/storage/certificate-repository";
import { runBatch } from "../adapters/storage/database";
import {
  changeStatus,
  getCachedList,
  listVersion,
  putCachedList,
  setIndices,
} from "../adapters/storage/status-repository";
import { isoSeconds, type StatusEntry } from "../domain/credential";
import { createProof } from "../domain/data-integrity";
import { Bitstring, buildStatusListCredential, encodeStatusList, STATUS_LIST_SIZE } from "../domain/status-list";
import { isPublicReason, type PublicReason } from "../domain/status-reasons";
import type { StatusChangeRequest } from "../lib/request-types.generated";
import type { CertificateRequest } from "../domain/types";
import type { StatusOutcome } from "../domain/verify";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { notifyIssued, notifyRevoked } from "./deliveries";
import { cachedSlot, forgetStatuses } from "./status-cache";
import {
  describeCertificate,
  prepareRequested,
  validateRequest,
  withSlotRetry,
  type IssuedCertificate,
  type RequestActor,
} from "./issue-certificate";

type Transition = "revoke" | "suspend" | "unsuspend";

/** A stored reason as employers may see it: a known code, never free text (rows from before 0014 hold none). */
function publicReason(stored: string | null): PublicReason | undefined {
  return isPublicReason(stored) ? stored : undefined;
}

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
  // With notify, the corrected certificate goes out with a note that it replaces the earlier one.
  const delivery = req.notify ? await notifyIssued(deps, row.id, "reissued", language, who) : undefined;
  return { ...describeCertificate(deps, row), supersedes: oldId, delivery };
}

/** Status list ids: r<N> (revocation) and s<N> (suspension). */
export const LIST_ID = /^([rs])([1-9][0-9]{0,5})$/;

/** The signed BitstringStatusListCredential for a list, rebuilt when its bits change. */
export async function statusListCredential(
  deps: AppDeps,
  listId: string,
  /** Re-sign when less validity than this is left (the scheduled refresh asks for 12 h). */
  minValidityMs = 3600_000,
): Promise<{ body: string; etag: string } | null> {
  const m = LIST_ID.exec(listId);
  if (!m) return null;
  const list = Number(m[2]);
  // The ETag derives from the list's stored change version (bumped by a trigger on every status
  // change) and the key set: serving an unchanged list reads two rows, not the list's certificates.
  const version = await listVersion(deps.store, list);
  if (version === null) return null;
  const purpose = m[1] === "r" ? "revocation" : "suspension";
  const digest = await crypto.subtle.digest(
    "SHA-256",
    utf8.encode(`${listId}:${deps.keys.map((k) => k.kid + k.status).join()}:v${version}`),
  );
  const etag = toHex(new Uint8Array(digest)).slice(0, 32);
  const now = deps.clock();
  const cached = await getCachedList(deps.store, listId);
  // Reuse the signed list while its bits are unchanged and it has an hour of validity left.
  if (cached && cached.etag === etag && Date.parse(cached.valid_until) - now.getTime() > minValidityMs)
    return { body: cached.credential, etag };
  // Read after the version: the bits are at least as new as the ETag says (a change in between
  // moves the version again, and the next request rebuilds).
  const indices = await setIndices(deps.store, list, purpose === "revocation" ? "revoked" : "suspended");
  const bits = Bitstring.zeroed(STATUS_LIST_SIZE);
  for (const i of indices) bits.set(i, true);
  const validUntil = new Date(now.getTime() + 24 * 3600_000);
  const unsigned = buildStatusListCredential({
    id: `${deps.config.baseUrl}/status/${listId}`,
    issuerDid: deps.config.issuerDid,
    purpose,
    encodedList: await encodeStatusList(bits.bytes),
    validFrom: isoSeconds(now),
    validUntil: isoSeconds(validUntil),
  }) as unknown as Record<string, unknown>;
  const signer = await deps.signer();
  const signed = await createProof(unsigned, {
    verificationMethod: `${deps.config.issuerDid}#${signer.kid}`,
    created: isoSeconds(now),
    canonicalize: deps.canonicalize,
    sign: (d) => signer.sign(d),
  });
  const body = JSON.stringify(signed);
  await putCachedList(deps.store, { list_id: listId, etag, credential: body, valid_until: validUntil.toISOString() });
  return { body, etag };
}

/**
 * Status check for verification: each entry must point at one of our lists; the slot's
 * certificate status decides. Anything unreadable is "unavailable", never "ok" (fail closed).
 */
export function statusChecker(deps: AppDeps): (entries: StatusEntry[]) => Promise<StatusOutcome> {
  return async (entries) => {
    const prefix = `${deps.config.baseUrl}/status/`;
    let outcome: StatusOutcome = { state: "ok" };
    // Our revocation and suspension entries share one slot: read each slot once.
    const slots = new Map<string, ReturnType<typeof cachedSlot>>();
    for (const e of entries) {
      const url = typeof e?.statusListCredential === "string" ? e.statusListCredential : "";
      const m = LIST_ID.exec(url.startsWith(prefix) ? url.slice(prefix.length) : "");
      const index = Number(e?.statusListIndex);
      const expected = e?.statusPurpose === "revocation" ? "r" : e?.statusPurpose === "suspension" ? "s" : null;
      if (!m || m[1] !== expected || !Number.isInteger(index) || index < 0 || index >= STATUS_LIST_SIZE)
        return {
          state: "unavailable",
          message: "The credential points at a status list this service does not publish.",
        };
      let row;
      try {
        const slot = `${m[2]}:${index}`;
        if (!slots.has(slot)) slots.set(slot, cachedSlot(deps, Number(m[2]), index));
        row = await slots.get(slot)!;
      } catch {
        return { state: "unavailable", message: "The revocation list could not be read right now." };
      }
      if (!row) return { state: "unavailable", message: "The status list entry is unknown." };
      if (e.statusPurpose === "revocation" && row.status === "revoked")
        return {
          state: "revoked",
          reason: publicReason(row.status_reason),
          at: row.status_changed_at ?? undefined,
          supersededBy: row.superseded_by ?? undefined,
        };
      if (e.statusPurpose === "suspension" && row.status === "suspended")
        outcome = {
          state: "suspended",
          reason: publicReason(row.status_reason),
          at: row.status_changed_at ?? undefined,
        };
    }
    return outcome;
  };
}
