/**
 * Requesting email deliveries: a record per message in D1 (deduplicated by purpose), then a job
 * per new record on the delivery queue; the queue consumer (delivery-consumer.ts) sends them.
 */
import { base64urlEncode } from "../lib/encoding";
import { auditInsert } from "../adapters/storage/audit-repository";
import { findCertificate } from "../adapters/storage/certificate-repository";
import { runBatch, type DeliveryKind } from "../adapters/storage/database";
import {
  deliveriesByDedupeKey,
  deliveriesOfCertificate,
  deliveryInsertIgnore,
  type DeliveryRow,
} from "../adapters/storage/delivery-repository";
import { AppError } from "../errors";
import type { AppDeps } from "./context";

/** Who asked, for the records and the audit log (the same shape as issue-certificate's RequestActor). */
export interface RequestActor {
  actor: string;
  requestId?: string;
}

/** One message to request. `dedupeKey` makes the request idempotent. */
export interface DeliveryRequest {
  certificateId: string | null;
  kind: DeliveryKind;
  dedupeKey: string;
  language: "en" | "ko";
  /** Lookup messages only: the blind index of the address asked for. */
  lookupIndex?: string;
}

/** A delivery as the admin API shows it (never the address). */
export interface DeliveryView {
  id: string;
  certificateId: string | null;
  kind: DeliveryKind;
  status: "queued" | "sent" | "failed";
  attempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  requestedBy: string;
}

/** The API form of a delivery record. */
export function describeDelivery(r: DeliveryRow): DeliveryView {
  return {
    id: r.id,
    certificateId: r.certificate_id,
    kind: r.kind,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
    requestedBy: r.requested_by,
  };
}

/** What {@link requestDeliveries} did: the records (new or existing) and which ones it created. */
export interface RequestedDeliveries {
  deliveries: DeliveryRow[];
  created: DeliveryRow[];
}

/**
 * Stores one record per request unless one with the same dedupe key exists, then enqueues a job
 * for each record it created. A record whose job could not be enqueued stays `queued`, and asking
 * again (send) enqueues it again; the consumer's claim makes an extra job harmless.
 */
export async function requestDeliveries(
  deps: AppDeps,
  requests: DeliveryRequest[],
  who: RequestActor,
): Promise<RequestedDeliveries> {
  if (!requests.length) return { deliveries: [], created: [] };
  const at = deps.clock().toISOString();
  const rows: DeliveryRow[] = [];
  for (const r of requests) {
    const id = base64urlEncode(deps.random(12));
    rows.push({
      id,
      dedupe_key: r.dedupeKey,
      certificate_id: r.certificateId,
      kind: r.kind,
      language: r.language,
      status: "queued",
      attempts: 0,
      last_error: null,
      email_index: r.lookupIndex ?? null,
      lease_until: null,
      requested_by: who.actor,
      created_at: at,
      updated_at: at,
      sent_at: null,
    });
  }
  for (let i = 0; i < rows.length; i += 100)
    await runBatch(
      deps.store,
      rows.slice(i, i + 100).map((r) => deliveryInsertIgnore(deps.store, r)),
    );
  const ours = new Set(rows.map((r) => r.id));
  const stored = await deliveriesByDedupeKey(
    deps.store,
    rows.map((r) => r.dedupe_key),
  );
  const created = stored.filter((r) => ours.has(r.id));
  await enqueue(deps, created);
  return { deliveries: stored, created };
}

/** Puts jobs on the queue; a queue outage is a 503 (the records stay queued for a later send). */
export async function enqueue(deps: AppDeps, rows: DeliveryRow[]): Promise<void> {
  if (!rows.length) return;
  try {
    await deps.mail.enqueue(rows.map((r) => r.id));
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError("ERR_UNAVAILABLE", "The delivery queue is unavailable; the messages stay queued: send again", {
      headers: { "Retry-After": "30" },
      cause,
    });
  }
}

/** A certificate that can be emailed: it exists, is active and has an address on record. */
export async function sendableCertificate(deps: AppDeps, id: string) {
  const cert = await findCertificate(deps.store, id);
  if (!cert) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  if (cert.status !== "active")
    throw new AppError("ERR_CONFLICT", `The certificate is ${cert.status}: only active certificates are sent`, {
      field: "id",
    });
  if (!cert.email_ciphertext)
    throw new AppError(
      "ERR_CONFLICT",
      "No email address is on record for this certificate (issued before email delivery, or erased)",
      {
        field: "id",
      },
    );
  return cert;
}

/**
 * Staff "send" (`resend: false`): the certificate's issue message, once; if it exists and is still
 * queued, its job is enqueued again. "Resend" (`resend: true`): always a new message and record.
 */
export async function sendCertificate(
  deps: AppDeps,
  certificateId: string,
  resend: boolean,
  who: RequestActor,
): Promise<{ delivery: DeliveryView; created: boolean }> {
  const cert = await sendableCertificate(deps, certificateId);
  const request: DeliveryRequest = resend
    ? {
        certificateId,
        kind: "resend",
        dedupeKey: `resend:${base64urlEncode(deps.random(12))}`,
        language: cert.language,
      }
    : { certificateId, kind: "issued", dedupeKey: `issued:${certificateId}`, language: cert.language };
  const { deliveries, created } = await requestDeliveries(deps, [request], who);
  const row = deliveries[0]!;
  if (!created.length && row.status === "queued") await enqueue(deps, [row]);
  if (created.length)
    await runBatch(deps.store, [
      auditInsert(deps.store, {
        ...who,
        action: resend ? "delivery.resend" : "delivery.send",
        target: certificateId,
        at: deps.clock().toISOString(),
        after: { deliveryId: row.id, kind: row.kind },
      }),
    ]);
  return { delivery: describeDelivery(row), created: created.length > 0 };
}

/** A certificate's deliveries for the admin API. */
export async function certificateDeliveries(deps: AppDeps, certificateId: string): Promise<DeliveryView[]> {
  return (await deliveriesOfCertificate(deps.store, certificateId)).map(describeDelivery);
}

/**
 * The message of a newly issued (or reissued) certificate, once per certificate. With `requeue`, a
 * record that already exists and is still queued (say its first enqueue met a queue outage) gets
 * its job again; the consumer's claim makes a second job harmless.
 */
export async function notifyIssued(
  deps: AppDeps,
  certificateId: string,
  kind: "issued" | "reissued",
  language: "en" | "ko",
  who: RequestActor,
  requeue = false,
): Promise<DeliveryView> {
  const request = { certificateId, kind, dedupeKey: `${kind}:${certificateId}`, language };
  const { deliveries, created } = await requestDeliveries(deps, [request], who);
  const row = deliveries[0]!;
  if (requeue && !created.length && row.status === "queued") await enqueue(deps, [row]);
  return describeDelivery(row);
}

/** The notice of a revocation (staff asked for it), once per certificate: revocation is final. */
export async function notifyRevoked(
  deps: AppDeps,
  certificateId: string,
  language: "en" | "ko",
  who: RequestActor,
): Promise<DeliveryView> {
  const request = { certificateId, kind: "revoked" as const, dedupeKey: `revoked:${certificateId}`, language };
  const { deliveries } = await requestDeliveries(deps, [request], who);
  return describeDelivery(deliveries[0]!);
}
