/** Verifying a credential presented in any form we issue: embedded proof or VC-JWT. */
import { ed25519Verify } from "../adapters/crypto/ed25519";
import { joseVerifyJws } from "../adapters/jwt/vc-jwt";
import { verifyVcJwt } from "../domain/verify-jwt";
import { validate } from "../adapters/validation/schemas";
import { KNOWN_CONTEXTS, KNOWN_CONTEXTS_V11 } from "../adapters/jsonld/contexts";
import { verifyDataIntegrity, type IssuedRecord, type VerifyDeps } from "../domain/verify";
import type { VerificationResult } from "../domain/types";
import type { AppDeps } from "./context";
import { signedCertificate, type SignedCertificate } from "./signed-certificates";
import { statusChecker } from "./status-checker";
import { LIST_ID } from "./status-list-credential";
import { cachedSlot } from "./status-cache";
import { toHex } from "../lib/encoding";
import { namedKeyHex, provenSignatures, recallProven, shareProven, storedDigest } from "./proven-signatures";
import { sameJson } from "../domain/same-json";
import { isRecord } from "../lib/json-shape";
import type { StatusEntry } from "../domain/credential";
import type { PageCertificateRow } from "../adapters/storage/certificate-repository";
import { expandVcJwt } from "../lib/detached-vc-jwt";
import { STATUS_LIST_SIZE } from "../domain/status-list";

const CERTIFICATE_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * SHA-256 of each cached row's credential text. The rows are frozen and shared (signed-certificates.ts);
 * a row read again (after re-signing, say) is a new object with its own digest.
 */
const rowDigests = new WeakMap<SignedCertificate, string>();

/** {@link storedDigest} of `row.credential`, once per cached row. */
async function rowDigest(row: SignedCertificate): Promise<string> {
  let digest = rowDigests.get(row);
  if (digest === undefined) rowDigests.set(row, (digest = await storedDigest(row.credential)));
  return digest;
}

/**
 * WeGO's record for a credential id (`<base>/c/<id>`): the stored signed credential and VC-JWT.
 * Null for any other id; throws (could-not-check) when storage cannot be read.
 */
export function issuedRecordFinder(deps: AppDeps): VerifyDeps["findIssued"] {
  const prefix = `${deps.config.baseUrl}/c/`;
  return async (credentialId) => {
    const id = credentialId.startsWith(prefix) ? credentialId.slice(prefix.length) : "";
    if (!CERTIFICATE_ID.test(id)) return null;
    const row = await signedCertificate(deps, id);
    if (!row) return null;
    const record: IssuedRecord = {
      credential: JSON.parse(row.credential),
      // The row puts its VC-JWT back together on first read: only a VC-JWT verification asks.
      get vcJwt() {
        return row.vc_jwt;
      },
      digest: await rowDigest(row),
    };
    return record;
  };
}

/**
 * A certificate row the caller has just read from D1, with its credential parsed from it and the
 * SHA-256 of its exact text; `proven` when those bytes were verified in full before under the key
 * the proof names (services/proven-signatures.ts).
 */
export interface StoredCredential {
  row: PageCertificateRow;
  credential: Record<string, unknown>;
  digest: string;
  proven: boolean;
}

/**
 * {@link issuedRecordFinder}, answering from `stored` for the id it names: no second read of the
 * same row. The VC-JWT is put back together only if asked for.
 */
function storedRecordFinder(deps: AppDeps, stored: StoredCredential): VerifyDeps["findIssued"] {
  const others = issuedRecordFinder(deps);
  const url = `${deps.config.baseUrl}/c/${stored.row.id}`;
  return async (credentialId) => {
    if (credentialId !== url) return others(credentialId);
    const { row } = stored;
    let vcJwt: string | undefined;
    return {
      credential: stored.credential,
      get vcJwt() {
        return (vcJwt ??= expandVcJwt(row.vc_jwt, row.credential));
      },
      digest: stored.digest,
    };
  };
}

/**
 * WeGO's record of a credential signed through the VC-API (not a certificate): the one holding the
 * slot its WeGO revocation entry names. Null when it names none; throws when storage cannot be read.
 */
export function otherRecordFinder(deps: AppDeps): NonNullable<VerifyDeps["findOtherIssued"]> {
  const prefix = `${deps.config.baseUrl}/status/`;
  return async (credential) => {
    const entry = [credential.credentialStatus].flat().find((e): e is StatusEntry => {
      const url = (e as StatusEntry | null)?.statusListCredential;
      return (
        (e as StatusEntry | null)?.statusPurpose === "revocation" && typeof url === "string" && url.startsWith(prefix)
      );
    });
    const m = entry ? LIST_ID.exec(entry.statusListCredential.slice(prefix.length)) : null;
    const index = Number(entry?.statusListIndex);
    if (!m || m[1] !== "r" || !Number.isInteger(index) || index < 0 || index >= STATUS_LIST_SIZE) return null;
    const slot = await cachedSlot(deps, Number(m[2]), index);
    const row = slot ? await signedCertificate(deps, slot.id) : undefined;
    if (!row) return null;
    return {
      credential: JSON.parse(row.credential),
      get vcJwt() {
        return row.vc_jwt;
      },
      digest: await rowDigest(row),
    };
  };
}

/** Structural check of a credential: the JSON Schema, plus a proof exactly when Data Integrity secures it. */
export function checkShape(credential: unknown, secured: "data-integrity" | "vc-jwt"): string | null {
  const errors = validate("credential", credential);
  if (errors.length) return `The credential is malformed: ${errors.map((e) => `${e.field} ${e.message}`).join("; ")}.`;
  const hasProof = (credential as Record<string, unknown>).proof !== undefined;
  if (secured === "data-integrity" && !hasProof) return "The credential has no proof.";
  if (secured === "vc-jwt" && hasProof) return "A VC-JWT payload must not carry an embedded proof.";
  return null;
}

/**
 * The parts of {@link VerifyDeps} that depend on no deployment: verifiers, shape checks, contexts.
 * Frozen: every verification copies from it, so one assignment would change them all.
 */
export const VERIFIERS = Object.freeze({
  verifySignature: ed25519Verify,
  verifyJws: joseVerifyJws,
  checkShape,
  knownContexts: KNOWN_CONTEXTS,
  knownContextsV11: KNOWN_CONTEXTS_V11,
} satisfies Partial<VerifyDeps>);

/**
 * The verification dependencies for this app. `stored`: a certificate row just read from D1, used
 * as the record of its own id and as the status of its own slot (both fresh).
 */
export function verifyDeps(deps: AppDeps, stored?: StoredCredential): VerifyDeps {
  return {
    ...VERIFIERS,
    issuerDid: deps.config.issuerDid,
    keys: deps.keys,
    canonicalize: deps.canonicalize,
    now: deps.clock(),
    findIssued: stored ? storedRecordFinder(deps, stored) : issuedRecordFinder(deps),
    checkStatus: statusChecker(deps, stored?.row),
    provenSignatures,
    provenInput: stored?.proven ? stored.credential : undefined,
  };
}

/**
 * Verifies a credential object (Data Integrity) or a VC-JWT string; never throws on bad input.
 * `vcApiCredentials`: also verify credentials WeGO signed through the VC-API (with a warning that
 * they are not certificates); the pages leave it off, so only certificates are ever shown valid.
 */
export async function verifyCredential(
  deps: AppDeps,
  input: unknown,
  options: { expectedProofPurpose?: string; vcApiCredentials?: boolean; stored?: StoredCredential } = {},
): Promise<VerificationResult> {
  const vd: VerifyDeps = {
    ...verifyDeps(deps, options.stored),
    expectedProofPurpose: options.expectedProofPurpose,
    ...(options.vcApiCredentials ? { findOtherIssued: otherRecordFinder(deps) } : {}),
  };
  if (typeof input === "string") return verifyVcJwt(input.trim(), vd);
  if (options.stored) return verifyDataIntegrity(input, vd);
  const unproven = await provenIfEqual(deps, vd, input);
  if (!unproven) return verifyDataIntegrity(input, vd);
  // Shared only what this verification itself proved in full (the domain's `add`), under the key
  // the stored proof names: the next isolate of this deployment need not verify those bytes again.
  const memory = vd.provenSignatures!;
  let provedHere = false;
  vd.provenSignatures = {
    has: memory.has,
    add(record, publicKey) {
      memory.add(record, publicKey);
      if (record.digest === unproven.digest && toHex(publicKey) === unproven.keyHex) provedHere = true;
    },
  };
  const result = await verifyDataIntegrity(input, vd);
  if (provedHere) await shareProven(deps, unproven.digest, unproven.keyHex);
  return result;
}

/**
 * A presented credential equal, as JSON (domain/same-json.ts), to a certificate's stored bytes this
 * isolate or another of this deployment has verified in full (services/proven-signatures.ts: memory,
 * then the Cache API) gets those bytes' data model and JSON Schema answers: both are functions of
 * the parsed value, which is the same (VerifyDeps.provenInput). Its record is then looked up once
 * for the whole verification. Anything else is checked in full. Resolves to the stored bytes' digest
 * and the key their proof names when they are equal but not known as verified under that key (the
 * caller then shares a successful full verification).
 */
async function provenIfEqual(
  deps: AppDeps,
  vd: VerifyDeps,
  input: unknown,
): Promise<{ digest: string; keyHex: string } | undefined> {
  if (!isRecord(input) || typeof input.id !== "string") return undefined;
  const { id } = input;
  const find = vd.findIssued;
  const lookup = find(id);
  vd.findIssued = (asked) => (asked === id ? lookup : find(asked));
  let record: IssuedRecord | null;
  try {
    record = await lookup;
  } catch {
    // Storage did not answer: the verification's own lookup (the same promise) says could-not-check.
    return undefined;
  }
  if (!record?.digest || !sameJson(record.credential, input)) return undefined;
  const keyHex = namedKeyHex(deps, record.credential);
  // No key of ours named: the domain refuses it, nothing to remember.
  if (keyHex === undefined) return undefined;
  // An entry for another key than the proof names is not this credential's: checked in full.
  if ((await recallProven(deps, record.digest)) !== keyHex) return { digest: record.digest, keyHex };
  vd.provenInput = input;
  return undefined;
}
