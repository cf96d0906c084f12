/**
 * The delivery queue's consumer: each job names a delivery record; the consumer claims it, builds
 * the message, sends it through the sending service and records the outcome. A job for a settled
 * record is acknowledged without sending, so a redelivered or repeated job never sends twice.
 * Transient failures are retried by the queue with exponential backoff; after the last attempt the
 * record is `failed` with the reason and the queue moves the job to the dead-letter queue.
 */
import { findCertificate, type CertificateRow } from "../adapters/storage/certificate-repository";
import { certificatesByEmailIndex } from "../adapters/storage/certificate-lookup";
import {
  claimDelivery,
  findDelivery,
  markDeliveryAttemptFailed,
  markDeliverySent,
  type DeliveryRow,
} from "../adapters/storage/delivery-repository";
import { certificateUrl } from "../domain/credential";
import type { CertificateMailItem, RenderedEmail } from "../domain/email";
import { signedFacts } from "../domain/signed-facts";
import { MailSendError, type AppDeps } from "./context";

/** A queue message as the consumer needs it (the Workers `Message` fits). */
export interface QueueJob {
  readonly body: unknown;
  /** 1 on the first delivery of the job. */
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/** Attempts per job: wrangler.toml's `max_retries` for the delivery queue plus one. */
export const MAX_ATTEMPTS = 6;
/** How long a consumer holds a record while it sends (a crashed consumer's hold then lapses). */
const LEASE_MS = 120_000;
/** Longest delay between attempts (Queues allows up to 12 hours). */
const MAX_DELAY_SECONDS = 3600;

/** The id a queue job body names under `field` (delivery or certificate ids), or null for a malformed body. */
export function jobId(body: unknown, field: "deliveryId" | "renderPdf"): string | null {
  const id = (body as Record<string, unknown> | null)?.[field];
  return typeof id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

const deliveryIdOf = (body: unknown) => jobId(body, "deliveryId");

/** A certificate as a message presents it. */
export function mailItem(deps: AppDeps, cert: CertificateRow): CertificateMailItem {
  const f = signedFacts(JSON.parse(cert.credential));
  const url = certificateUrl(deps.config.baseUrl, cert.id);
  return {
    name: f.participant,
    achievementName: f.achievementName,
    issuerName: f.issuerName,
    official: f.official,
    issuedAt: f.validFrom,
    validUntil: f.validUntil,
    id: cert.id,
    url,
    pdfUrl: `${url}.pdf`,
    ...(cert.status_reason ? { statusReason: cert.status_reason } : {}),
  };
}

/** A reason that settles the delivery without sending (no retry can help). */
class Unsendable extends Error {}

/** The recipient and the rendered message of a delivery. */
async function compose(deps: AppDeps, d: DeliveryRow): Promise<{ to: string; message: RenderedEmail }> {
  const vault = await deps.vault();
  const base = deps.config.baseUrl;
  if (d.kind === "lookup") {
    const certs = d.email_index
      ? (await certificatesByEmailIndex(deps.store, d.email_index)).filter((c) => c.status !== "revoked")
      : [];
    const latest = certs.find((c) => c.email_ciphertext && c.email_key_id);
    if (!latest) throw new Unsendable("no certificates for this address");
    // To the address on record (the newest certificate's), never to the address as typed.
    const to = await vault.open(
      { ciphertext: latest.email_ciphertext!, keyId: latest.email_key_id! },
      `cert:${latest.id}`,
    );
    return {
      to,
      message: deps.mail.templates.lookup(
        d.language,
        base,
        certs.map((c) => mailItem(deps, c)),
      ),
    };
  }
  const cert = d.certificate_id ? await findCertificate(deps.store, d.certificate_id) : undefined;
  if (!cert) throw new Unsendable("certificate not found");
  if (!cert.email_ciphertext || !cert.email_key_id) throw new Unsendable("no email address on record");
  // A certificate revoked or suspended while its message waited is not sent as valid; a revocation
  // notice only goes out for a revoked certificate.
  if (d.kind === "revoked" ? cert.status !== "revoked" : cert.status !== "active")
    throw new Unsendable(`the certificate is ${cert.status}`);
  const to = await vault.open({ ciphertext: cert.email_ciphertext, keyId: cert.email_key_id }, `cert:${cert.id}`);
  const item = mailItem(deps, cert);
  const message =
    d.kind === "revoked"
      ? deps.mail.templates.revoked(cert.language, base, item)
      : deps.mail.templates.certificate(d.kind, cert.language, base, item);
  return { to, message };
}

/** Sends one claimed delivery; the outcome for its job. */
async function sendOne(deps: AppDeps, d: DeliveryRow, job: QueueJob): Promise<void> {
  const now = () => deps.clock().toISOString();
  let built: { to: string; message: RenderedEmail };
  try {
    built = await compose(deps, d);
  } catch (e) {
    if (!(e instanceof Unsendable)) throw e;
    await markDeliveryAttemptFailed(deps.store, d.id, e.message, true, now());
    return job.ack();
  }
  const { mail } = deps;
  // Loaded on first send: isolates that only serve pages never evaluate mimetext and its MIME table.
  const { buildMime } = await import("../adapters/email/mime");
  const raw = buildMime({
    from: { name: mail.fromName, addr: mail.from },
    to: built.to,
    replyTo: mail.replyTo,
    subject: built.message.subject,
    text: built.message.text,
    html: built.message.html,
    // One Message-ID per record: a retried send carries the same id, which receivers deduplicate on.
    messageId: `${d.id}@${mail.from.split("@")[1]}`,
    headers: { "Auto-Submitted": "auto-generated" },
  });
  try {
    await mail.send({ from: mail.from, to: built.to, raw });
  } catch (e) {
    const permanent = e instanceof MailSendError && e.permanent;
    const reason = e instanceof Error ? e.message : String(e);
    const last = permanent || job.attempts >= MAX_ATTEMPTS;
    await markDeliveryAttemptFailed(
      deps.store,
      d.id,
      last && !permanent ? `${reason} (gave up after ${job.attempts} attempts)` : reason,
      last,
      now(),
    );
    log("warn", d, permanent ? "refused" : last ? "gave-up" : "retry", reason);
    if (permanent) return job.ack();
    // Past the last attempt, retry() hands the job to the dead-letter queue.
    return job.retry({ delaySeconds: Math.min(mail.retryBaseSeconds * 2 ** (job.attempts - 1), MAX_DELAY_SECONDS) });
  }
  // Sent: the job is done whatever happens next, so that no retry sends it again.
  job.ack();
  for (let i = 0; i < 3; i++) {
    try {
      return await markDeliverySent(deps.store, d.id, now());
    } catch {
      /* D1 hiccup: try again below */
    }
  }
  log("error", d, "sent-unrecorded", "the message was sent but its record could not be updated");
}

function log(level: "warn" | "error", d: DeliveryRow, event: string, reason: string) {
  // The delivery id and reason only: never the address.
  console[level](JSON.stringify({ level, event: `delivery.${event}`, deliveryId: d.id, kind: d.kind, reason }));
}

/** Handles a batch of delivery jobs. */
export async function handleDeliveryJobs(deps: AppDeps, jobs: readonly QueueJob[]): Promise<void> {
  for (const job of jobs) {
    const id = deliveryIdOf(job.body);
    if (!id) {
      job.ack();
      continue;
    }
    const at = deps.clock();
    try {
      if (!(await claimDelivery(deps.store, id, at.toISOString(), new Date(at.getTime() + LEASE_MS).toISOString()))) {
        const d = await findDelivery(deps.store, id);
        // Settled or erased: nothing to do. Held by another consumer: look again after its lease.
        if (!d || d.status !== "queued") job.ack();
        else job.retry({ delaySeconds: Math.ceil(LEASE_MS / 1000) });
        continue;
      }
      const d = (await findDelivery(deps.store, id))!;
      await sendOne(deps, d, job);
    } catch (e) {
      // Storage trouble before anything was sent: let the queue try again later.
      console.error(JSON.stringify({ level: "error", event: "delivery.error", deliveryId: id, error: String(e) }));
      job.retry({ delaySeconds: deps.mail.retryBaseSeconds });
    }
  }
}

/** The dead-letter queue's consumer: any record still queued is settled as failed, with its last error. */
export async function handleDeadLetters(deps: AppDeps, jobs: readonly QueueJob[]): Promise<void> {
  for (const job of jobs) {
    const id = deliveryIdOf(job.body);
    const d = id ? await findDelivery(deps.store, id) : undefined;
    if (d?.status === "queued")
      await markDeliveryAttemptFailed(
        deps.store,
        d.id,
        `dead-lettered: ${d.last_error ?? "no attempt succeeded"}`,
        true,
        deps.clock().toISOString(),
      );
    job.ack();
  }
}
