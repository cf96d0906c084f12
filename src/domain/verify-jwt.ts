/**
 * Verification of a VC-JWT (W3C VC-JOSE-COSE §3.1.1): the header rules, WeGO's record, the
 * published key, then validity and status from the stored credential. Pure: the JWS check comes in
 * as `deps.verifyJws`. Never throws on bad input.
 */
import { isRecord } from "../lib/json-shape";
import { base64urlDecode } from "../lib/encoding";
import type { VerificationResult } from "./types";
import {
  Checks,
  checkIsCertificate,
  checkIssuerKey,
  checkRecord,
  checkStatusEntries,
  checkValidity,
  parseDate,
  type VerifyDeps,
} from "./verification-checks";

/** Largest VC-JWT accepted, in characters; ours are a few KiB. */
export const MAX_JWT_LENGTH = 64 * 1024;

function decodeJsonPart(part: string): unknown {
  const bytes = base64urlDecode(part);
  if (!bytes) throw new Error("not base64url");
  return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes));
}

/** Verifies a VC-JWT against the published keys only; never throws. */
export async function verifyVcJwt(jwt: unknown, deps: VerifyDeps): Promise<VerificationResult> {
  const checks = new Checks();
  if (
    typeof jwt !== "string" ||
    jwt.length > MAX_JWT_LENGTH ||
    !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(jwt)
  ) {
    checks.set("format", "failed", "ERR_FORMAT", "Not a compact JWS (three base64url parts) of at most 64 KiB.");
    return checks.result({ format: "vc-jwt" });
  }
  let header: Record<string, unknown>;
  let payload: Record<string, unknown> | null = null;
  try {
    const decoded = decodeJsonPart(jwt.split(".")[0]!);
    if (!isRecord(decoded)) throw new Error("header is not an object");
    header = decoded;
    const body = decodeJsonPart(jwt.split(".")[1]!);
    if (isRecord(body)) payload = body;
  } catch {
    checks.set("format", "failed", "ERR_FORMAT", "The JWT header or payload is not valid JSON.");
    return checks.result({ format: "vc-jwt" });
  }
  const credential = payload ?? undefined;
  // Only what we issue is accepted: no `jwk`/`jku`/`x5u` key sources, no `crit`, no unencoded payloads.
  const headerKeys = Object.keys(header).sort().join(",");
  if (header.alg !== "EdDSA") {
    checks.set("format", "failed", "ERR_JWT_ALG", `JWT algorithm ${String(header.alg)} is not accepted; only EdDSA.`);
  } else if (header.typ !== "vc+jwt") {
    checks.set("format", "failed", "ERR_JWT_TYP", 'The JWT header typ must be "vc+jwt".');
  } else if (!["alg,cty,kid,typ", "alg,kid,typ"].includes(headerKeys)) {
    checks.set("format", "failed", "ERR_JWT_HEADER", `Unexpected JWT header parameters: ${headerKeys}.`);
  } else if (!payload) {
    checks.set("format", "failed", "ERR_FORMAT", "The JWT payload is not a credential object.");
  } else if (checkIsCertificate(checks, payload)) {
    // The JWT `iss` claim (absent in tokens issued before it was added) must name the issuer.
    const { iss, ...credentialClaims } = payload;
    const issuerId = isRecord(payload.issuer) ? payload.issuer.id : payload.issuer;
    const shapeError =
      iss !== undefined && iss !== issuerId
        ? "The JWT iss claim does not name the credential's issuer."
        : deps.checkShape(credentialClaims, "vc-jwt");
    if (shapeError) checks.set("format", "failed", "ERR_FORMAT", shapeError);
    else if (issuerId !== deps.issuerDid)
      checks.set("format", "failed", "ERR_UNKNOWN_ISSUER", "The credential was not issued by WeGO's DID.");
    else checks.set("format", "passed", "OK", "A W3C Verifiable Credential secured as a VC-JWT (EdDSA).");
  }
  if (!checks.passed("format") || !payload) return checks.result({ format: "vc-jwt", credential });
  // The JWS payload is JSON, but the credential inside is JSON-LD all the same: verdicts rest on
  // WeGO's record, and the token must be exactly the one issued with it.
  const id = payload.id;
  const record = await checkRecord(
    checks,
    async () => (typeof id === "string" ? deps.findIssued(id) : null),
    (r) => r.vcJwt === jwt,
  );
  if (!record) return checks.result({ format: "vc-jwt", credential });
  const { proof: _proof, ...issued } = record.credential;

  const key = checkIssuerKey(checks, deps, header.kid, parseDate(issued.validFrom) ?? NaN);
  if (key) {
    const outcome = await deps.verifyJws(jwt, key.publicKey);
    if (outcome === "ok")
      checks.set("signature", "passed", "OK", "The signature matches: the content is exactly as WeGO signed it.");
    else
      checks.set(
        "signature",
        "failed",
        outcome === "bad-signature" ? "ERR_BAD_SIGNATURE" : "ERR_JWT_INVALID",
        "The JWT signature does not match: the content was changed after signing.",
      );
  }
  if (checks.passed("signature")) {
    checkValidity(checks, issued, deps.now);
    await checkStatusEntries(checks, issued, deps);
  }
  return checks.result({ format: "vc-jwt", credential: issued });
}
