/** Issuing one certificate: build, sign (Data Integrity + VC-JWT), store exactly once. */
import { base64urlEncode, toHex, utf8 } from "../adapters/crypto/encoding";
import { signVcJwt } from "../adapters/jwt/vc-jwt";
import { findAchievement } from "../adapters/storage/achievement-repository";
import { findCertificate, insertCertificate, type CertificateRow } from "../adapters/storage/certificate-repository";
import { buildCredential, certificateUrl, isoSeconds, wegoIssuer } from "../domain/credential";
import { createProof } from "../domain/data-integrity";
import { cleanName } from "../domain/names";
import type { CertificateRequest } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";

/** What the API answers after issuing (or replaying) a certificate. */
export interface IssuedCertificate {
  id: string;
  url: string;
  pdfUrl: string;
  jwtUrl: string;
  credential: Record<string, unknown>;
  replayed: boolean;
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
  row: Pick<CertificateRow, "id" | "credential">,
  replayed = false,
): IssuedCertificate {
  const url = certificateUrl(deps.config.baseUrl, row.id);
  return {
    id: row.id,
    url,
    pdfUrl: `${url}.pdf`,
    jwtUrl: `${url}.jwt`,
    credential: JSON.parse(row.credential),
    replayed,
  };
}

/** Signs a credential with an embedded eddsa-rdfc-2022 proof by the current issuer key. */
export async function signCredential(deps: AppDeps, unsigned: Record<string, unknown>, created: Date) {
  const signer = await deps.signer();
  const credential = await createProof(unsigned, {
    verificationMethod: `${deps.config.issuerDid}#${signer.kid}`,
    created: isoSeconds(created),
    canonicalize: deps.canonicalize,
    sign: (d) => signer.sign(d),
  });
  const vcJwt = await signVcJwt(credential, signer, deps.config.issuerDid);
  return { credential, vcJwt, signer };
}

/** Issues one certificate; with an idempotency key, at most one per key. */
export async function issueCertificate(
  deps: AppDeps,
  req: CertificateRequest,
  idempotencyKey?: string,
): Promise<IssuedCertificate> {
  const now = deps.clock();
  const name = cleanName(req.recipient.name);
  if (!name.ok) throw new AppError("ERR_VALIDATION", `recipient.name: ${name.reason}`, { field: "recipient.name" });
  if (req.validUntil && Date.parse(req.validUntil) <= now.getTime())
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

  const id = base64urlEncode(deps.random(16));
  const salt = toHex(deps.random(16));
  const unsigned = await buildCredential({
    baseUrl: deps.config.baseUrl,
    certificateId: id,
    issuer: wegoIssuer(deps.config.issuerDid),
    achievement,
    recipientName: name.value,
    recipientEmail: req.recipient.email,
    salt,
    issuedAt: now,
    validUntil: req.validUntil ? isoSeconds(new Date(req.validUntil)) : undefined,
  });
  const { credential, vcJwt, signer } = await signCredential(deps, unsigned, now);
  const subject = credential.credentialSubject as { identifier: { identityHash: string }[] };
  const row: CertificateRow = {
    id,
    achievement_id: achievement.id,
    recipient_name: name.value,
    identity_hash: subject.identifier[0]!.identityHash,
    credential: JSON.stringify(credential),
    vc_jwt: vcJwt,
    key_id: signer.kid,
    issued_at: isoSeconds(now),
    valid_until: (unsigned.validUntil as string | undefined) ?? null,
  };
  const outcome = await insertCertificate(
    deps.store,
    row,
    idempotencyKey ? { key: idempotencyKey, requestHash: await requestHash(req), now: now.toISOString() } : undefined,
  );
  if (outcome.kind === "key-reused")
    throw new AppError("ERR_IDEMPOTENCY_KEY_REUSED", "Idempotency-Key was already used with a different request body", {
      field: "Idempotency-Key",
    });
  if (outcome.kind === "created") return describeCertificate(deps, row);
  const existing = await findCertificate(deps.store, outcome.certificateId);
  if (!existing)
    throw new AppError("ERR_IDEMPOTENCY_IN_PROGRESS", "The first request with this Idempotency-Key is still running");
  return describeCertificate(deps, existing, true);
}
