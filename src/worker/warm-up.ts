/**
 * Start-up warm-up (issue 15). V8 compiles a function on its first call, so a new isolate's first
 * verification or download used to pay for compiling its whole path. Workers evaluate a Worker's
 * global scope before its first request, under their own start-up limit (1 s) and not as a
 * request's CPU, so the Worker entry does that work there:
 *
 * - {@link warmUpVerification} needs no configuration: it builds a sample credential of the shape
 *   this service issues, signs it in memory with RFC 8032's first test key (published, so trusted
 *   by nothing) under an issuer of its own, and verifies both secured forms. Its record, status and
 *   proven-signature memory are its own: nothing is stored, shared or remembered for requests.
 * - {@link prepareFirstRequests} does, for the built app, what a first page or download does once
 *   per isolate (the bundled brand manifest, the PDF store's key prefix) and renders the sample's
 *   page. No I/O either.
 */
import { jwkThumbprint, loadSigner, parseKeySet, toMultikey, type PublishedKey } from "../adapters/crypto/keys";
import { signVcJwt } from "../adapters/jwt/vc-jwt";
import { SEED_CATALOGUE } from "../domain/catalogue";
import { buildCredential, isoSeconds, wegoIssuer } from "../domain/credential";
import { createProof } from "../domain/data-integrity";
import type { Canonicalize } from "../domain/ports";
import type { VerificationResult } from "../domain/types";
import { verifyDataIntegrity, type IssuedRecord, type VerifyDeps } from "../domain/verify";
import { verifyVcJwt } from "../domain/verify-jwt";
import { base64urlEncode, fromHex } from "../lib/encoding";
import { renderCertificatePage } from "../pages/certificate-page";
import { certificateView } from "../pages/certificate-presenter";
import { messages } from "../pages/i18n";
import { certificateFileDisposition } from "../services/certificate-preview";
import type { AppDeps } from "../services/context";
import { prepareStoreKeys } from "../services/pdf-bytes-cache";
import { storedDigest } from "../services/proven-signatures";
import { statusEntries } from "../services/status-slots";
import { VERIFIERS } from "../services/verify-credential";

/** RFC 8032 §7.1 TEST 1: a published key pair, so the sample can never pass as anyone's. */
const TEST_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const TEST_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
/** The sample's issuer and origin: reserved names (RFC 2606), never a deployment's. */
export const WARM_UP_ISSUER = "did:web:warm-up.invalid";
const WARM_UP_ORIGIN = "https://warm-up.invalid";
const ISSUED_AT = new Date("2026-01-01T00:00:00Z");
/** A well-formed certificate id (22 base64url characters). */
export const WARM_UP_SAMPLE_ID = "WarmUpSampleWarmUpSamp";

/** The sample: a credential of the shape this service issues, signed by the test key. */
export interface WarmUpSample {
  credential: Record<string, unknown>;
  vcJwt: string;
  keys: PublishedKey[];
}

/** What the warm-up verified: both secured forms of the sample, which must come out valid. */
export interface WarmUpResult {
  credential: Record<string, unknown>;
  dataIntegrity: VerificationResult;
  vcJwt: VerificationResult;
}

/** Builds and signs the sample, canonicalized with `canonicalize`. */
export async function warmUpSample(canonicalize: Canonicalize): Promise<WarmUpSample> {
  const publicKey = fromHex(TEST_PUBLIC)!;
  const kid = await jwkThumbprint(publicKey);
  const keys = await parseKeySet(
    { keys: [{ kid, publicKeyMultibase: toMultikey(publicKey), notBefore: isoSeconds(ISSUED_AT), status: "active" }] },
    { allowPublishedTestKeys: true },
  );
  const signer = await loadSigner(
    JSON.stringify({
      kty: "OKP",
      crv: "Ed25519",
      x: base64urlEncode(publicKey),
      d: base64urlEncode(fromHex(TEST_SECRET)!),
    }),
    keys,
  );
  const unsigned = await buildCredential({
    baseUrl: WARM_UP_ORIGIN,
    certificateId: WARM_UP_SAMPLE_ID,
    issuer: wegoIssuer(WARM_UP_ISSUER),
    achievement: SEED_CATALOGUE[0]!,
    recipientName: "Sample Participant",
    recipientEmail: "sample@warm-up.invalid",
    salt: "00".repeat(16),
    issuedAt: ISSUED_AT,
    credentialStatus: statusEntries(WARM_UP_ORIGIN, { list: 1, index: 0 }),
  });
  const { proof } = await createProof(unsigned, {
    verificationMethod: `${WARM_UP_ISSUER}#${kid}`,
    created: isoSeconds(ISSUED_AT),
    canonicalize,
    sign: (d) => signer.sign(d),
  });
  const credential: Record<string, unknown> = { ...unsigned, proof: [proof] };
  return { credential, vcJwt: await signVcJwt(credential, signer, WARM_UP_ISSUER), keys };
}

/**
 * Builds the sample and verifies both its secured forms with the service's verifiers, JSON Schema
 * checks and `canonicalize`; the record and status come from the sample itself.
 */
export async function warmUpVerification(canonicalize: Canonicalize): Promise<WarmUpResult> {
  const { credential, vcJwt, keys } = await warmUpSample(canonicalize);
  const record: IssuedRecord = { credential, vcJwt, digest: await storedDigest(JSON.stringify(credential)) };
  const proven = new Set<string>();
  const vd: VerifyDeps = {
    ...VERIFIERS,
    issuerDid: WARM_UP_ISSUER,
    keys,
    canonicalize,
    now: new Date(ISSUED_AT.getTime() + 86_400_000),
    findIssued: async (id) => (id === credential.id ? record : null),
    checkStatus: async () => ({ state: "ok" }),
    provenSignatures: {
      has: (r, key) => proven.has(`${r.digest}:${base64urlEncode(key)}`),
      add: (r, key) => void proven.add(`${r.digest}:${base64urlEncode(key)}`),
    },
  };
  return {
    credential,
    dataIntegrity: await verifyDataIntegrity(structuredClone(credential), vd),
    vcJwt: await verifyVcJwt(vcJwt, vd),
  };
}

/**
 * What a first page or download of the app built with `deps` does once per isolate: the bundled
 * brand manifest read, the PDF store's key prefix, and (given the verified sample) the page's
 * rendering code, run on the sample in English; returns that page, which the Worker throws away.
 */
export async function prepareFirstRequests(
  deps: Pick<AppDeps, "brand" | "config">,
  verified?: WarmUpResult,
): Promise<string | undefined> {
  const brand = await deps.brand.manifest();
  await prepareStoreKeys(deps);
  certificateFileDisposition("Sample Participant", WARM_UP_SAMPLE_ID, "pdf");
  if (!verified) return undefined;
  return renderCertificatePage(
    messages("en"),
    "en",
    "warm-up",
    certificateView({
      id: WARM_UP_SAMPLE_ID,
      credential: verified.credential,
      result: verified.dataIntegrity,
      settings: deps.config,
      checkedAt: ISSUED_AT,
      brand,
    }),
  );
}
