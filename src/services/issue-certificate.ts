/**
 * Issuing certificates: build the credential (with its status-list entries), sign it twice
 * (Data Integrity + VC-JWT) plus the compact QR token, and store it exactly once with its audit
 * entry in one D1 batch.
 */
import { base64urlEncode, toHex, utf8 } from "../lib/encoding";
import { searchKey } from "../lib/search-key";
import { joseVerifyJws, signVcJwt } from "../adapters/jwt/vc-jwt";
import { checkRenderableName } from "../adapters/pdf/names";
import { findAchievement } from "../adapters/storage/achievement-repository";
import { auditInsert, auditInsertIfKeyWon } from "../adapters/storage/audit-repository";
import {
  certificateInsert,
  findCertificate,
  insertCertificate,
  type CertificateRow,
} from "../adapters/storage/certificate-repository";
import { runBatch } from "../adapters/storage/database";
import { reserveSlotCounters } from "../adapters/storage/status-repository";
import { createCompactToken } from "../domain/compact-token";
import { parseValidUntil } from "../domain/bulk/valid-until";
import { buildCredential, certificateUrl, isoSeconds, wegoIssuer, type StatusEntry } from "../domain/credential";
import { createProof } from "../domain/data-integrity";
import { STATUS_LIST_SIZE } from "../domain/status-list";
import { parseSlotKey, permuteSlot } from "../domain/slot-permutation";
import type { AchievementRecord, CertificateRequest } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { notifyIssued, type DeliveryView } from "./deliveries";
import { ensureIssuerDid, publishedKeyOf } from "./issuer-identity";

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

/** A status-list slot: the same index in lists r<list> and s<list>. */
export interface StatusSlot {
  list: number;
  index: number;
}

/** Fill lists to 90% before opening a new one, so random placement stays cheap. */

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

/** Signs a credential with an embedded eddsa-rdfc-2022 proof by the current issuer key. */
export async function signCredential(deps: AppDeps, unsigned: Record<string, unknown>, created: Date) {
  await ensureIssuerDid(deps);
  const signer = await deps.signer();
  const { proof } = await createProof(unsigned, {
    verificationMethod: `${deps.config.issuerDid}#${signer.kid}`,
    created: isoSeconds(created),
    canonicalize: deps.canonicalize,
    sign: (d) => signer.sign(d),
  });
  // A set of one proof (VC Data Integrity §2.1 allows one or a set; 1EdTech's OB 3.0 JSON Schema
  // requires an array).
  const credential: Record<string, unknown> = { ...unsigned, proof: [proof] };
  const vcJwt = await signVcJwt(credential, signer, deps.config.issuerDid);
  // jose signs with the CryptoKey directly: prove the JWT against the published key before storing it.
  if ((await joseVerifyJws(vcJwt, publishedKeyOf(deps, signer.kid))) !== "ok")
    throw new AppError("ERR_CONFIG", `the VC-JWT signed by ${signer.kid} does not verify with its published key`);
  return { credential, vcJwt, signer };
}

/**
 * Reserves `count` slots: consecutive counters of the newest list, each mapped to its index by
 * the list's keyed permutation (herd privacy, Bitstring Status List §6.2). Costs one row write
 * whatever the number of certificates.
 */
export async function allocateSlots(deps: AppDeps, count: number): Promise<StatusSlot[]> {
  const { list, start, key } = await reserveSlotCounters(deps.store, count, STATUS_LIST_SIZE, () =>
    toHex(deps.random(16)),
  );
  const words = parseSlotKey(key);
  if (!words) throw new AppError("ERR_INTERNAL", `status list ${list} has a malformed key`);
  return Array.from({ length: count }, (_, i) => ({ list, index: permuteSlot(start + i, words, STATUS_LIST_SIZE) }));
}

/** The two credentialStatus entries of a slot: revocation first, then suspension. */
export function statusEntries(baseUrl: string, slot: StatusSlot): StatusEntry[] {
  return (["revocation", "suspension"] as const).map((purpose) => {
    const listUrl = `${baseUrl}/status/${purpose === "revocation" ? "r" : "s"}${slot.list}`;
    return {
      id: `${listUrl}#${slot.index}`,
      type: "BitstringStatusListEntry",
      statusPurpose: purpose,
      statusListIndex: String(slot.index),
      statusListCredential: listUrl,
    };
  });
}

/** Checks a name can be printed; the cleaned name or a 400 naming the field. */
export function checkName(raw: string, field = "recipient.name"): string {
  const check = checkRenderableName(raw);
  if (!check.ok) throw new AppError("ERR_VALIDATION", `${field}: ${check.reason}`, { field });
  return check.name;
}

/** Input to sign one certificate row. */
export interface PrepareInput {
  achievement: AchievementRecord;
  name: string;
  email: string;
  validUntil?: string;
  slot: StatusSlot;
  now: Date;
  externalId?: string | null;
  batchId?: string | null;
  supersedes?: string | null;
  /** The participant's language for messages (default en). */
  language?: "en" | "ko";
}

/** Builds and signs one certificate row (no storage). */
export async function prepareCertificate(deps: AppDeps, input: PrepareInput): Promise<CertificateRow> {
  const id = base64urlEncode(deps.random(16));
  const unsigned = await buildCredential({
    baseUrl: deps.config.baseUrl,
    certificateId: id,
    issuer: wegoIssuer(deps.config.issuerDid),
    achievement: input.achievement,
    recipientName: input.name,
    recipientEmail: input.email,
    salt: toHex(deps.random(16)),
    issuedAt: input.now,
    validUntil: input.validUntil ? isoSeconds(new Date(input.validUntil)) : undefined,
    credentialStatus: statusEntries(deps.config.baseUrl, input.slot),
  });
  const { credential, vcJwt, signer } = await signCredential(deps, unsigned, input.now);
  const compactToken = await createCompactToken(
    {
      certificateId: id,
      validFrom: input.now,
      validUntil: input.validUntil ? new Date(input.validUntil) : undefined,
      kid: signer.kid,
      recipientName: input.name,
      achievementId: input.achievement.id,
    },
    (d) => signer.sign(d),
  );
  const subject = credential.credentialSubject as { identifier: { identityHash: string }[] };
  // The address itself is kept only sealed to this certificate (AES-GCM, context cert:<id>).
  const vault = await deps.vault();
  const sealed = await vault.seal(input.email, `cert:${id}`);
  return {
    id,
    achievement_id: input.achievement.id,
    recipient_name: input.name,
    identity_hash: subject.identifier[0]!.identityHash,
    credential: JSON.stringify(credential),
    vc_jwt: vcJwt,
    key_id: signer.kid,
    issued_at: isoSeconds(input.now),
    valid_until: (unsigned.validUntil as string | undefined) ?? null,
    status: "active",
    status_reason: null,
    status_note: null,
    status_changed_at: null,
    superseded_by: null,
    supersedes: input.supersedes ?? null,
    status_list: input.slot.list,
    status_index: input.slot.index,
    compact_token: compactToken,
    external_id: input.externalId ?? null,
    batch_id: input.batchId ?? null,
    email_ciphertext: sealed.ciphertext,
    email_key_id: sealed.keyId,
    email_index: await vault.index(input.email),
    language: input.language ?? "en",
    search_name: searchKey(input.name),
  };
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

/** Retries `fn` when two writers picked the same status slot (UNIQUE constraint). */
export async function withSlotRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt < 4 && e instanceof AppError && e.code === "ERR_CONFLICT" && e.message.includes("status_index"))
        continue;
      throw e;
    }
  }
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
  if (outcome.kind === "created")
    return { ...describeCertificate(deps, outcome.row), delivery: await notify(outcome.row.id) };
  const existing = await findCertificate(deps.store, outcome.certificateId);
  if (!existing)
    throw new AppError("ERR_IDEMPOTENCY_IN_PROGRESS", "The first request with this Idempotency-Key is still running");
  // A replay asks for the same message again: its dedupe key makes that the existing one.
  return { ...describeCertificate(deps, existing, true), delivery: await notify(existing.id) };
}
