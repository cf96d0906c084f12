/** Email for whole batches: on issuance (`notify`), and staff's send / resend of a batch. */
import { base64urlEncode } from "../lib/encoding";
import { auditInsert } from "../adapters/storage/audit-repository";
import { findBatch, listBatchRows } from "../adapters/storage/batch-repository";
import { deliveryFacts } from "../adapters/storage/certificate-lookup";
import { runBatch } from "../adapters/storage/database";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { enqueue, requestDeliveries } from "./deliveries";
import type { RequestActor } from "./issue-certificate";

/** What a batch send did. */
export interface BatchSendResult {
  /** New messages queued. */
  queued: number;
  /** Certificates that already had this message (sent, queued or failed): nothing new for them. */
  alreadyRequested: number;
  /** Certificates not sent: not active, or no address on record. */
  skipped: number;
}

/**
 * Requests one message per certificate: the issue message (deduplicated per certificate, so
 * re-processing or re-submitting a batch sends nothing twice), or with `resend` a new message each.
 * Issue messages still queued from an earlier request are enqueued again (the consumer's claim
 * makes that harmless).
 */
export async function notifyCertificates(
  deps: AppDeps,
  certificateIds: string[],
  who: RequestActor,
  resend = false,
): Promise<BatchSendResult> {
  const facts = await deliveryFacts(deps.store, [...new Set(certificateIds)]);
  const sendable = facts.filter((f) => f.status === "active" && f.email_ciphertext);
  const { deliveries, created } = await requestDeliveries(
    deps,
    sendable.map((f) => ({
      certificateId: f.id,
      kind: resend ? "resend" : "issued",
      dedupeKey: resend ? `resend:${base64urlEncode(deps.random(12))}` : `issued:${f.id}`,
      language: f.language,
    })),
    who,
  );
  const fresh = new Set(created.map((d) => d.id));
  await enqueue(
    deps,
    deliveries.filter((d) => !fresh.has(d.id) && d.status === "queued"),
  );
  return {
    queued: created.length,
    alreadyRequested: sendable.length - created.length,
    skipped: certificateIds.length - sendable.length,
  };
}

/** Staff's send (`resend` false: only certificates without the message yet) or resend of a batch. */
export async function sendBatch(
  deps: AppDeps,
  batchId: string,
  resend: boolean,
  who: RequestActor,
): Promise<BatchSendResult> {
  if (!(await findBatch(deps.store, batchId))) throw new AppError("ERR_NOT_FOUND", "No batch with this id");
  const rows = await listBatchRows(deps.store, batchId);
  const ids = rows.filter((r) => r.certificate_id && r.state !== "failed").map((r) => r.certificate_id!);
  const result = await notifyCertificates(deps, ids, who, resend);
  await runBatch(deps.store, [
    auditInsert(deps.store, {
      ...who,
      action: resend ? "batch.resend" : "batch.send",
      target: batchId,
      at: deps.clock().toISOString(),
      after: result,
    }),
  ]);
  return result;
}
