/**
 * Issuing for a completion (webhook or claim link): mapped to an achievement and a participant,
 * issued at most once per message and per enrolment, with the event, audit entry and certificate
 * written in one D1 batch. Rejections are recorded (event + audit) and thrown as AppError.
 */
import { toHex, utf8 } from "../lib/encoding";
import { findAchievement } from "../adapters/storage/achievement-repository";
import { auditInsert } from "../adapters/storage/audit-repository";
import { findCertificate, type CertificateRow } from "../adapters/storage/certificate-repository";
import {
  claimedCertificate,
  completionStatements,
  eventInsert,
  type EventFields,
} from "../adapters/storage/completion-repository";
import { runBatch } from "../adapters/storage/database";
import { findCourse, type SourceRow } from "../adapters/storage/source-repository";
import { validate } from "../adapters/validation/schemas";
import { pageLanguage, type Completion } from "../domain/completion-mapping";
import { AppError, type ErrorCode } from "../errors";
import type { AppDeps } from "./context";
import { notifyIssued, type DeliveryView } from "./deliveries";
import { checkName, describeCertificate, prepareRequested, type IssuedCertificate } from "./issue-certificate";
import { withSlotRetry } from "./status-slots";
import { requestPdfRenders } from "./pdf-render-requests";

/** What a completion led to. */
export interface CompletionResult {
  outcome: "issued" | "duplicate";
  certificate: IssuedCertificate;
  /** The participant's page language: the platform's, else the source default. */
  lang: "en" | "ko";
}

/** The audit actor of a platform. */
export const sourceActor = (sourceId: string) => `source:${sourceId}`;

/** Records a rejected completion (event row + audit entry, one batch) and throws it. */
export async function rejectCompletion(
  deps: AppDeps,
  event: EventFields,
  code: ErrorCode,
  reason: string,
  field?: string,
): Promise<never> {
  await runBatch(deps.store, [
    eventInsert(deps.store, event, { outcome: "rejected", code, reason }),
    auditInsert(deps.store, {
      actor: sourceActor(event.sourceId),
      action: "completion.reject",
      target: event.sourceId,
      requestId: event.requestId,
      at: event.receivedAt,
      after: { channel: event.channel, code, reason, messageId: event.messageId, course: event.course },
    }),
  ]);
  throw new AppError(code, reason, field ? { field } : {});
}

async function sha256Hex(s: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(s))));
}

/**
 * The enrolment key: the platform's enrolment id, or else one per person and course (the email,
 * hashed: claim keys are not personal data).
 */
async function enrolmentKey(c: Completion): Promise<string> {
  return c.enrolment !== undefined
    ? `e:${c.enrolment}`
    : `p:${await sha256Hex(`${c.course}\n${c.email.toLowerCase()}`)}`;
}

async function existing(deps: AppDeps, certificateId: string): Promise<CertificateRow> {
  const row = await findCertificate(deps.store, certificateId);
  if (!row) throw new AppError("ERR_INTERNAL", "a completion claim names a missing certificate");
  return row;
}

/**
 * Emails the participant the issued message when the source asks for it (issue 12's message, the
 * same as any other issuance). Its dedupe key (`issued:<certificate id>`) makes a repeated event or
 * a second claim-link visit request nothing new; a record still queued is enqueued again, so a
 * platform's retry after a queue outage still gets the message out. Only active certificates with
 * an address on record are sent.
 */
async function notifyCompletion(
  deps: AppDeps,
  source: SourceRow,
  row: Pick<CertificateRow, "id" | "status" | "email_ciphertext" | "language">,
): Promise<DeliveryView | undefined> {
  if (source.notify !== 1 || row.status !== "active" || !row.email_ciphertext) return undefined;
  return notifyIssued(deps, row.id, "issued", row.language, { actor: sourceActor(source.id) }, true);
}

/**
 * Issues the certificate for a verified completion. `messageKey` is `m:<webhook-id>` or `j:<jti>`.
 * A message or enrolment seen before answers `duplicate` with the earlier certificate.
 */
export async function issueForCompletion(
  deps: AppDeps,
  source: SourceRow,
  completion: Completion,
  messageKey: string,
  event: EventFields,
): Promise<CompletionResult> {
  const lang = pageLanguage(completion.language) ?? source.default_language;
  const ev = { ...event, course: completion.course, enrolment: completion.enrolment ?? null };
  const keys = { message: messageKey, enrolment: await enrolmentKey(completion) };
  const duplicate = async (certificateId: string): Promise<CompletionResult> => {
    await runBatch(deps.store, [eventInsert(deps.store, ev, { outcome: "duplicate", certificateId })]);
    const row = await existing(deps, certificateId);
    const delivery = await notifyCompletion(deps, source, row);
    return { outcome: "duplicate", certificate: { ...describeCertificate(deps, row, true), delivery }, lang };
  };
  // Cheap path for retries: no signing when the message or enrolment is already claimed.
  const seen =
    (await claimedCertificate(deps.store, source.id, keys.message)) ??
    (await claimedCertificate(deps.store, source.id, keys.enrolment));
  if (seen) return duplicate(seen);

  const achievementId = await findCourse(deps.store, source.id, completion.course);
  if (!achievementId)
    return rejectCompletion(
      deps,
      ev,
      "ERR_UNMAPPED_COURSE",
      `course: "${completion.course}" is not mapped to an achievement for source "${source.id}"`,
      "course",
    );
  const achievement = await findAchievement(deps.store, achievementId);
  if (!achievement) return rejectCompletion(deps, ev, "ERR_UNMAPPED_COURSE", `course: maps to a missing achievement`);
  const fieldErrors = validate("issue-certificate-request", {
    recipient: { name: completion.name, email: completion.email },
    achievementId,
  });
  if (fieldErrors.length) {
    const f = fieldErrors[0]!;
    const field = f.field.replace(/^recipient\./, "");
    return rejectCompletion(deps, ev, "ERR_COMPLETION_FIELD", `${field}: ${f.message}`, field);
  }
  let name: string;
  try {
    name = checkName(completion.name, "name");
  } catch (e) {
    return rejectCompletion(deps, ev, "ERR_COMPLETION_FIELD", e instanceof Error ? e.message : "name", "name");
  }

  const now = deps.clock();
  const row = await withSlotRetry(async () => {
    const r = await prepareRequested(
      deps,
      { recipient: { name, email: completion.email }, achievementId, language: lang },
      { name, achievement },
      now,
    );
    const audit = {
      actor: sourceActor(source.id),
      action: "certificate.issue",
      target: r.id,
      requestId: event.requestId,
      at: now.toISOString(),
      after: {
        achievementId,
        name,
        keyId: r.key_id,
        source: source.id,
        channel: event.channel,
        messageId: event.messageId,
        enrolment: completion.enrolment ?? null,
      },
    };
    await runBatch(deps.store, completionStatements(deps.store, keys, r, audit, ev));
    return r;
  });
  const winner = await claimedCertificate(deps.store, source.id, keys.message);
  if (winner === row.id) {
    await requestPdfRenders(deps, [row.id]);
    const delivery = await notifyCompletion(deps, source, row);
    return { outcome: "issued", certificate: { ...describeCertificate(deps, row), delivery }, lang };
  }
  if (!winner) throw new AppError("ERR_INTERNAL", "a completion batch left no claim");
  const other = await existing(deps, winner);
  const delivery = await notifyCompletion(deps, source, other);
  return { outcome: "duplicate", certificate: { ...describeCertificate(deps, other, true), delivery }, lang };
}
