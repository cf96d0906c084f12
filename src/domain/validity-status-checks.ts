/** When and whether a credential holds: its validity period and its status entries. */
import type { StatusEntry } from "./credential";
import type { Checks } from "./check-results";
import type { StatusOutcome, VerifyDeps } from "./verify-deps";

/** A JSON object (not an array or null). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A date string as epoch ms, or null (bounded length). */
export function parseDate(v: unknown): number | null {
  if (typeof v !== "string" || v.length > 64) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/** Validity window (VC 2.0 §4.9): validFrom ≤ now < validUntil. */
export function checkValidity(checks: Checks, credential: Record<string, unknown>, now: Date): void {
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

/** Status (VC 2.0 §4.10, Bitstring Status List §3.2): read from WeGO's lists; unreadable is could-not-check. */
export async function checkStatusEntries(
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
