/**
 * The checks every verification reports, shared by the Data Integrity and VC-JWT verifiers: the
 * result builder (fail closed: only all-passed is verified), the register binding, issuer key,
 * validity window and status. Pure: storage, keys and clocks come in through `VerifyDeps`.
 */
import type { Canonicalize, PublishedKey, VerifyJws, VerifySignature } from "./ports";
import type { Check, CheckCode, CheckName, CheckStatus, VerificationResult } from "./types";
import type { StatusEntry } from "./credential";
import type { PublicReason } from "./status-reasons";

/**
 * A certificate as WeGO issued and stored it. A Data Integrity proof signs the canonical RDF
 * dataset, not the JSON (VC Data Integrity §4.2), so the same signed content can be written with
 * other JSON keys; verdicts therefore rest on this record, never on the presented JSON's keys.
 */
export interface IssuedRecord {
  /** The signed credential exactly as issued. */
  credential: Record<string, unknown>;
  /** The VC-JWT exactly as issued. */
  vcJwt: string;
}

/** What a status check found for a credential's `credentialStatus` entries. */
export type StatusOutcome =
  | { state: "ok" }
  | { state: "revoked"; reason?: PublicReason; at?: string; supersededBy?: string }
  | { state: "suspended"; reason?: PublicReason; at?: string }
  | { state: "unavailable"; message: string };

/** Everything verification needs, passed in so the domain stays pure. */
export interface VerifyDeps {
  issuerDid: string;
  keys: readonly PublishedKey[];
  canonicalize: Canonicalize;
  verifySignature: VerifySignature;
  /** Compact JWS check (EdDSA) for VC-JWTs. */
  verifyJws: VerifyJws;
  now: Date;
  /** Reads the status lists; absent means status cannot be checked. */
  checkStatus?: (entries: StatusEntry[]) => Promise<StatusOutcome>;
  /**
   * WeGO's record of the certificate a credential `id` names; null when there is none. Throws when
   * the record cannot be read (the verdict is then could-not-check, never valid).
   */
  findIssued: (credentialId: string) => Promise<IssuedRecord | null>;
  /** Structural check of the credential (JSON Schema); returns a message naming the field, or null. */
  checkShape: (credential: unknown, secured: "data-integrity" | "vc-jwt") => string | null;
}

const ORDER: CheckName[] = ["format", "record", "issuer-key", "signature", "validity", "status"];

class Checks {
  private readonly list = new Map<CheckName, Check>();
  private detail: VerificationResult["statusDetail"];
  statusDetail(o: StatusOutcome): void {
    if (o.state === "revoked" || o.state === "suspended")
      this.detail = {
        state: o.state,
        reason: o.reason,
        at: o.at,
        ...(o.state === "revoked" && o.supersededBy ? { supersededBy: o.supersededBy } : {}),
      };
    else if (o.state === "ok") this.detail = { state: "active" };
  }
  set(check: CheckName, status: CheckStatus, code: CheckCode, message: string): void {
    this.list.set(check, { check, status, code, message });
  }
  passed(check: CheckName): boolean {
    return this.list.get(check)?.status === "passed";
  }
  result(extra: Pick<VerificationResult, "format" | "credential">): VerificationResult {
    for (const name of ORDER)
      if (!this.list.has(name))
        this.set(name, "could-not-check", "ERR_NOT_CHECKED", "Not checked: an earlier check failed.");
    const checks = ORDER.map((n) => this.list.get(n)!);
    const errors = checks.filter((c) => c.status !== "passed");
    return {
      verified: errors.length === 0,
      checks,
      errors,
      verdict: verdictOf(checks),
      ...(this.detail ? { statusDetail: this.detail } : {}),
      ...extra,
    };
  }
}

function verdictOf(checks: Check[]): VerificationResult["verdict"] {
  const by = (n: CheckName) => checks.find((c) => c.check === n)!;
  for (const n of ["format", "record", "issuer-key", "signature"] as const)
    if (by(n).status === "failed") return "invalid";
  const status = by("status");
  if (status.code === "ERR_REVOKED") return "revoked";
  if (status.code === "ERR_SUSPENDED") return "suspended";
  const validity = by("validity");
  if (validity.code === "ERR_EXPIRED") return "expired";
  if (validity.code === "ERR_NOT_YET_VALID") return "not-yet-valid";
  if (checks.some((c) => c.status === "failed")) return "invalid";
  if (checks.some((c) => c.status === "could-not-check")) return "could-not-check";
  return "valid";
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseDate(v: unknown): number | null {
  if (typeof v !== "string" || v.length > 64) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/**
 * Only certificates are certificates: WeGO's key also signs status list credentials, which must
 * never pass for a certificate. Returns false (and fails `format`) for anything else.
 */
function checkIsCertificate(checks: Checks, credential: Record<string, unknown>): boolean {
  const type = credential.type;
  if (Array.isArray(type) && type.includes("OpenBadgeCredential")) return true;
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
async function checkRecord(
  checks: Checks,
  deps: VerifyDeps,
  credentialId: unknown,
  matches: (record: IssuedRecord) => boolean,
): Promise<IssuedRecord | null> {
  let record: IssuedRecord | null = null;
  try {
    record = typeof credentialId === "string" ? await deps.findIssued(credentialId) : null;
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
    checks.set("record", "failed", "ERR_NOT_ON_RECORD", "WeGO has issued no certificate with this id.");
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
  checks.set("record", "passed", "OK", "A certificate in WeGO's register, exactly as issued.");
  return record;
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
  const prefix = deps.issuerDid + "#";
  if (typeof verificationMethod !== "string" || !verificationMethod.startsWith(prefix)) {
    checks.set("issuer-key", "failed", "ERR_UNKNOWN_KEY", "The credential names a signing key that is not WeGO's.");
    return null;
  }
  const kid = verificationMethod.slice(prefix.length);
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

/** Validity window (VC 2.0 §4.9): validFrom ≤ now < validUntil. */
function checkValidity(checks: Checks, credential: Record<string, unknown>, now: Date): void {
  // validFrom is optional in VC 2.0 (§4.9); when present it must be a date.
  const from = credential.validFrom === undefined ? -Infinity : parseDate(credential.validFrom);
  const until = credential.validUntil === undefined ? null : parseDate(credential.validUntil);
  if (from === null || (credential.validUntil !== undefined && until === null)) {
    checks.set("validity", "failed", "ERR_VALIDITY_MALFORMED", "validFrom or validUntil is not a date.");
  } else if (now.getTime() < from) {
    checks.set("validity", "failed", "ERR_NOT_YET_VALID", `Not valid before ${credential.validFrom}.`);
  } else if (until !== null && now.getTime() >= until) {
    checks.set("validity", "failed", "ERR_EXPIRED", `Expired on ${credential.validUntil}.`);
  } else {
    checks.set(
      "validity",
      "passed",
      "OK",
      until === null ? "Valid with no end date." : `Valid until ${credential.validUntil}.`,
    );
  }
}

async function checkStatusEntries(
  checks: Checks,
  credential: Record<string, unknown>,
  deps: VerifyDeps,
): Promise<void> {
  const raw = credential.credentialStatus;
  if (raw === undefined) {
    checks.set("status", "passed", "STATUS_NONE", "This credential has no revocation list entry.");
    return;
  }
  const entries = (Array.isArray(raw) ? raw : [raw]) as StatusEntry[];
  if (!deps.checkStatus) {
    checks.set("status", "could-not-check", "ERR_STATUS_UNAVAILABLE", "The revocation status could not be read.");
    return;
  }
  let outcome: StatusOutcome;
  try {
    outcome = await deps.checkStatus(entries);
  } catch {
    outcome = { state: "unavailable", message: "The revocation status could not be read." };
  }
  checks.statusDetail(outcome);
  switch (outcome.state) {
    case "ok":
      checks.set("status", "passed", "OK", "Not revoked or suspended.");
      break;
    case "revoked":
      checks.set("status", "failed", "ERR_REVOKED", `Revoked by WeGO${outcome.reason ? `: ${outcome.reason}` : ""}.`);
      break;
    case "suspended":
      checks.set(
        "status",
        "failed",
        "ERR_SUSPENDED",
        `Suspended by WeGO${outcome.reason ? `: ${outcome.reason}` : ""}.`,
      );
      break;
    default:
      checks.set("status", "could-not-check", "ERR_STATUS_UNAVAILABLE", outcome.message);
  }
}

export { Checks, checkIsCertificate, checkRecord, checkValidity, checkStatusEntries, isRecord, parseDate };
