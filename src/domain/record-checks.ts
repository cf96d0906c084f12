/**
 * Who stands behind a credential: it is a certificate (not another credential WeGO's key signed),
 * it is in WeGO's register exactly as issued, and its key is one WeGO published and may have used.
 */
import type { PublishedKey } from "./ports";
import type { Checks } from "./check-results";
import type { IssuedRecord, VerifyDeps } from "./verify-deps";

/** Whether the credential's `type` makes it a WeGO certificate (an Open Badges credential). */
export function isCertificateType(credential: Record<string, unknown>): boolean {
  return Array.isArray(credential.type) && credential.type.includes("OpenBadgeCredential");
}

/**
 * Only certificates are certificates: WeGO's key also signs status list credentials, which must
 * never pass for a certificate. Returns false (and fails `format`) for anything else.
 */
export function checkIsCertificate(checks: Checks, credential: Record<string, unknown>): boolean {
  if (isCertificateType(credential)) return true;
  checks.set(
    "format",
    "failed",
    "ERR_NOT_A_CERTIFICATE",
    "This is not a certificate: WeGO's certificates are Open Badges credentials (OpenBadgeCredential).",
  );
  return false;
}

/**
 * Binds the presented credential to WeGO's record: the certificate its `id` names must exist and
 * `matches` must confirm the presented form is exactly what was issued. Runs before any
 * canonicalization, so attacker-shaped JSON-LD never reaches the (costly) generic canonicalizer.
 */
export async function checkRecord(
  checks: Checks,
  find: () => Promise<IssuedRecord | null>,
  matches: (record: IssuedRecord) => boolean,
): Promise<IssuedRecord | null> {
  let record: IssuedRecord | null = null;
  try {
    record = await find();
  } catch {
    checks.set(
      "record",
      "could-not-check",
      "ERR_RECORD_UNAVAILABLE",
      "WeGO's register of issued certificates could not be read. Try again in a moment.",
    );
    return null;
  }
  if (!record) {
    checks.set("record", "failed", "ERR_NOT_ON_RECORD", "WeGO has issued nothing under this id.");
    return null;
  }
  if (!matches(record)) {
    checks.set(
      "record",
      "failed",
      "ERR_NOT_AS_ISSUED",
      "This differs from the certificate WeGO issued under this id: it was changed after issue.",
    );
    return null;
  }
  checks.set("record", "passed", "OK", "In WeGO's register, exactly as issued.");
  return record;
}

/** The key id a verification method names under WeGO's DID (`<did>#<kid>`), or null for any other. */
export function issuerKeyId(issuerDid: string, verificationMethod: unknown): string | null {
  const prefix = issuerDid + "#";
  return typeof verificationMethod === "string" && verificationMethod.startsWith(prefix)
    ? verificationMethod.slice(prefix.length)
    : null;
}

/**
 * Finds the key a credential names and checks it may have signed at `signedAt`: published by us,
 * not compromised, and inside its validity window. Keys come from the published set only.
 */
export function checkIssuerKey(
  checks: Checks,
  deps: VerifyDeps,
  verificationMethod: unknown,
  signedAt: number,
): PublishedKey | null {
  const kid = issuerKeyId(deps.issuerDid, verificationMethod);
  if (kid === null) {
    checks.set("issuer-key", "failed", "ERR_UNKNOWN_KEY", "The credential names a signing key that is not WeGO's.");
    return null;
  }
  const key = deps.keys.find((k) => k.kid === kid);
  if (!key) {
    checks.set("issuer-key", "failed", "ERR_UNKNOWN_KEY", "The signing key is not among WeGO's published keys.");
    return null;
  }
  if (key.status === "compromised") {
    checks.set(
      "issuer-key",
      "failed",
      "ERR_KEY_COMPROMISED",
      "The key that signed this credential has been reported compromised; WeGO no longer vouches for it.",
    );
    return null;
  }
  const from = Date.parse(key.notBefore);
  const until = key.notAfter ? Date.parse(key.notAfter) : Infinity;
  if (signedAt < from || signedAt > until) {
    checks.set(
      "issuer-key",
      "failed",
      "ERR_KEY_NOT_VALID_AT_ISSUANCE",
      "The credential claims a signing time outside the period in which its key was in use.",
    );
    return null;
  }
  checks.set(
    "issuer-key",
    "passed",
    "OK",
    key.status === "active"
      ? "Signed with WeGO's current published key."
      : "Signed with an earlier WeGO key that was valid at the time of issue.",
  );
  return key;
}
