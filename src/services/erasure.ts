/**
 * Erasing a participant's personal data on request: the stored address (ciphertext and blind
 * index) of every certificate issued to it, and every delivery record for them or addressed to it.
 * The signed credentials are not changed (they hold the name and a salted hash of the address, as
 * signed); WeGO decides whether the certificates are also revoked.
 */
import { auditInsert } from "../adapters/storage/audit-repository";
import { findCertificate } from "../adapters/storage/certificate-repository";
import {
  certificateEmailErase,
  certificatesByEmailIndex,
  deliveriesErase,
} from "../adapters/storage/certificate-lookup";
import { runBatch } from "../adapters/storage/database";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import type { RequestActor } from "./issue-certificate";
import { changeCertificateStatus, type StatusChange } from "./status";

/** Who to erase: by address, or the participant of one certificate. */
export type ErasureTarget = { email: string } | { certificateId: string };

/** What an erasure did. */
export interface ErasureResult {
  certificateIds: string[];
  revoked: string[];
  deliveriesDeleted: number;
}

/** Erases the participant's address and delivery records; with `revoke`, revokes their certificates. */
export async function eraseParticipant(
  deps: AppDeps,
  target: ErasureTarget,
  revoke: StatusChange | null,
  who: RequestActor,
): Promise<ErasureResult> {
  let index: string | null;
  let ids: string[];
  if ("email" in target) {
    index = await (await deps.vault()).index(target.email);
    ids = (await certificatesByEmailIndex(deps.store, index, 10_000)).map((c) => c.id);
  } else {
    const cert = await findCertificate(deps.store, target.certificateId);
    if (!cert) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
    index = cert.email_index;
    ids = index ? (await certificatesByEmailIndex(deps.store, index, 10_000)).map((c) => c.id) : [cert.id];
  }
  const revoked: string[] = [];
  if (revoke)
    for (const id of ids) {
      const cert = await findCertificate(deps.store, id);
      if (cert && cert.status !== "revoked") {
        await changeCertificateStatus(deps, id, "revoke", revoke, who);
        revoked.push(id);
      }
    }
  let deleted = 0;
  const at = deps.clock().toISOString();
  // Slices of 90 ids: D1 binds at most 100 parameters per statement.
  for (let i = 0; i < Math.max(ids.length, 1); i += 90) {
    const slice = ids.slice(i, i + 90);
    const res = await runBatch(deps.store, [
      ...(slice.length ? [certificateEmailErase(deps.store, slice)] : []),
      deliveriesErase(deps.store, slice, i === 0 ? index : null),
    ]);
    deleted += res[res.length - 1]?.meta.changes ?? 0;
  }
  // The audit entry names the certificates, never the address.
  await runBatch(deps.store, [
    auditInsert(deps.store, {
      ...who,
      action: "participant.erase",
      target: ids[0] ?? null,
      at,
      after: { certificateIds: ids, revoked, deliveriesDeleted: deleted },
    }),
  ]);
  return { certificateIds: ids, revoked, deliveriesDeleted: deleted };
}
