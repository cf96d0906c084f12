/**
 * Issuing certificates: validate the request, sign a row in a fresh status-list slot
 * (sign-certificate.ts, status-slots.ts) and store it exactly once with its audit entry in one D1
 * batch; with an Idempotency-Key, at most one certificate per key.
 */
import { toHex, utf8 } from "../lib/encoding";
import { checkRenderableName } from "../adapters/pdf/names";
import { findAchievement, VC_API_ACHIEVEMENT } from "../adapters/storage/achievement-repository";
import { auditInsert, auditInsertIfKeyWon } from "../adapters/storage/audit-repository";
import {
  certificateInsert,
  findCertificate,
  insertCertificate,
  type CertificateRow,
} from "../adapters/storage/certificate-repository";
import { runBatch } from "../adapters/storage/database";
import { parseValidUntil } from "../domain/bulk/valid-until";
import { certificateUrl } from "../domain/credential";
import type { AchievementRecord, CertificateRequest } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { notifyIssued, type DeliveryView } from "./deliveries";
import { prepareCertificate } from "./sign-certificate";
import { allocateSlots, withSlotRetry } from "./status-slots";
import { requestPdfRenders } from "./pdf-render-requests";

/** Who asked, for the audit log. */
export interface RequestActor {
  actor: string;
  requestId?: string;
}

/** What the API answers after issuing (or replaying) a certificate. */
export interface IssuedCertificate {
  id: string;
  url: string;
  /** The URL printed in the QR code: `url` plus the compact signed token as fragment. */
  qrUrl: string;
  pdfUrl: string;
  jwtUrl: string;
  credential: Record<string, unknown>;
  replayed: boolean;
  /** With `notify`: the message to the participant. */
  delivery?: DeliveryView;
}

/** Stable hash of a request body, for Idempotency-Key reuse detection. */
export async function requestHash(body: unknown): Promise<string> {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, stable((v as Record<string, unknown>)[k])]),
          )
        : v;
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(JSON.stringify(stable(body))))));
}

/** Public form of a stored certificate. */
export function describeCertificate(
  deps: AppDeps,
  row: Pick<CertificateRow, "id" | "credential" | "compact_token">,
  replayed = false,
): IssuedCertificate {
  const url = certificateUrl(deps.config.baseUrl, row.id);
  return {
    id: row.id,
    url,
    qrUrl: row.compact_token ? `${url}#${row.compact_token}` : url,
    pdfUrl: `${url}.pdf`,
    jwtUrl: `${url}.jwt`,
    credential: JSON.parse(row.credential),
    replayed,
  };
}

/** Checks a name can be printed; the cleaned name or a 400 naming the field. */
export function checkName(raw: string, field = "recipient.name"): string {
  const check = checkRenderableName(raw);
  if (!check.ok) throw new AppError("ERR_VALIDATION", `${field}: ${check.reason}`, { field });
  return check.name;
}

/** Validates an issue request against the catalogue and the clock. */
export async function validateRequest(deps: AppDeps, req: CertificateRequest, now: Date) {
  const name = checkName(req.recipient.name);
  // A date means the end of that day in UTC, as in bulk rows (one rule: domain/bulk/valid-until.ts).
  const validUntil = req.validUntil === undefined ? undefined : parseValidUntil(req.validUntil);
  if (validUntil === null)
    throw new AppError("ERR_VALIDATION", "validUntil: is not a real date or time", { field: "validUntil" });
  if (validUntil && Date.parse(validUntil) <= now.getTime())
    throw new AppError("ERR_VALIDATION", "validUntil: must be in the future", { field: "validUntil" });
  const achievement = await findAchievement(deps.store, req.achievementId);
  if (!achievement)
    throw new AppError(
      "ERR_UNKNOWN_ACHIEVEMENT",
      `achievementId: no achievement "${req.achievementId}" in the catalogue`,
      {
        field: "achievementId",
      },
    );
  return { name, achievement, validUntil };
}

/** Signs a row for a validated request in a freshly allocated slot (call inside withSlotRetry). */
export async function prepareRequested(
  deps: AppDeps,
  req: CertificateRequest,
  valid: { name: string; achievement: AchievementRecord; validUntil?: string },
  now: Date,
  supersedes?: string,
): Promise<CertificateRow> {
  const [slot] = await allocateSlots(deps, 1);
  return prepareCertificate(deps, {
    ...valid,
    email: req.recipient.email,
    validUntil: valid.validUntil,
    language: req.language,
    slot: slot!,
    now,
    supersedes,
  });
}

/** Issues one certificate; with an idempotency key, at most one per key. */
export async function issueCertificate(
  deps: AppDeps,
  req: CertificateRequest,
  who: RequestActor,
  idempotencyKey?: string,
): Promise<IssuedCertificate> {
  const now = deps.clock();
  const valid = await validateRequest(deps, req, now);
  const { name, achievement } = valid;
  const hash = idempotencyKey ? await requestHash(req) : "";
  const outcome = await withSlotRetry(async () => {
    const row = await prepareRequested(deps, req, valid, now);
    const audit = {
      actor: who.actor,
      action: "certificate.issue",
      target: row.id,
      requestId: who.requestId,
      at: now.toISOString(),
      after: { achievementId: achievement.id, name, validUntil: row.valid_until, keyId: row.key_id },
    };
    if (!idempotencyKey) {
      await runBatch(deps.store, [certificateInsert(deps.store, row), auditInsert(deps.store, audit)]);
      return { kind: "created" as const, row };
    }
    const res = await insertCertificate(
      deps.store,
      row,
      { key: idempotencyKey, requestHash: hash, now: now.toISOString() },
      [auditInsertIfKeyWon(deps.store, audit, idempotencyKey, row.id)],
    );
    return { ...res, row };
  });
  if (outcome.kind === "key-reused")
    throw new AppError("ERR_IDEMPOTENCY_KEY_REUSED", "Idempotency-Key was already used with a different request body", {
      field: "Idempotency-Key",
    });
  const notify = (id: string) =>
    req.notify ? notifyIssued(deps, id, "issued", req.language ?? "en", who) : Promise.resolve(undefined);
  if (outcome.kind === "created") {
    if (outcome.row.achievement_id !== VC_API_ACHIEVEMENT) await requestPdfRenders(deps, [outcome.row.id]);
    return { ...describeCertificate(deps, outcome.row), delivery: await notify(outcome.row.id) };
  }
  const existing = await findCertificate(deps.store, outcome.certificateId);
  if (!existing)
    throw new AppError("ERR_IDEMPOTENCY_IN_PROGRESS", "The first request with this Idempotency-Key is still running");
  // A replay asks for the same message again: its dedupe key makes that the existing one.
  return { ...describeCertificate(deps, existing, true), delivery: await notify(existing.id) };
}
