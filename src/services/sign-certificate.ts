/**
 * Signing one certificate: the credential with its Data Integrity proof, the VC-JWT (checked
 * against the published key before it is kept), the compact QR token and the sealed address.
 */
import { base64urlEncode, toHex } from "../lib/encoding";
import { searchKey } from "../lib/search-key";
import { detachVcJwt } from "../lib/detached-vc-jwt";
import type { Signer } from "../adapters/crypto/ed25519";
import { joseVerifyJws, signVcJwt } from "../adapters/jwt/vc-jwt";
import type { CertificateRow } from "../adapters/storage/certificate-repository";
import { createCompactToken } from "../domain/compact-token";
import { buildCredential, isoSeconds, wegoIssuer } from "../domain/credential";
import { createProof } from "../domain/data-integrity";
import type { AchievementRecord } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { ensureIssuerDid, publishedKeyOf } from "./issuer-identity";
import { statusEntries, type StatusSlot } from "./status-slots";

/** An eddsa-rdfc-2022 Data Integrity proof over `unsigned` by the issuer's `signer` key. */
export function issuerProof(deps: AppDeps, signer: Signer, unsigned: Record<string, unknown>, created: Date) {
  return createProof(unsigned, {
    verificationMethod: `${deps.config.issuerDid}#${signer.kid}`,
    created: isoSeconds(created),
    canonicalize: deps.canonicalize,
    sign: (d) => signer.sign(d),
  });
}

/** Signs a credential with an embedded eddsa-rdfc-2022 proof by the current issuer key. */
export async function signCredential(deps: AppDeps, unsigned: Record<string, unknown>, created: Date) {
  await ensureIssuerDid(deps);
  const signer = await deps.signer();
  const { proof } = await issuerProof(deps, signer, unsigned, created);
  // A set of one proof (VC Data Integrity §2.1 allows one or a set; 1EdTech's OB 3.0 JSON Schema
  // requires an array).
  const credential: Record<string, unknown> = { ...unsigned, proof: [proof] };
  const vcJwt = await signVcJwt(credential, signer, deps.config.issuerDid);
  // jose signs with the CryptoKey directly: prove the JWT against the published key before storing it.
  if ((await joseVerifyJws(vcJwt, publishedKeyOf(deps, signer.kid))) !== "ok")
    throw new AppError("ERR_CONFIG", `the VC-JWT signed by ${signer.kid} does not verify with its published key`);
  return { credential, vcJwt, signer };
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
  const credentialText = JSON.stringify(credential);
  return {
    id,
    achievement_id: input.achievement.id,
    recipient_name: input.name,
    identity_hash: subject.identifier[0]!.identityHash,
    credential: credentialText,
    // Stored without its payload (the credential): lib/detached-vc-jwt.ts.
    vc_jwt: detachVcJwt(vcJwt, credentialText),
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
