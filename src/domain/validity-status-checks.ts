/** When and whether a credential holds: its validity period and its status entries. */
import type { StatusEntry } from "./credential";
import type { Checks } from "./check-results";
import type { StatusOutcome, VerifyDeps } from "./verify-deps";

/** A date string as epoch ms, or null (bounded length). */
export function parseDate(v: unknown): number | null {
  if (typeof v !== "string" || v.length > 64) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
}

/**
 * Validity window: validFrom ≤ now < validUntil (VC 2.0 §4.9), and for VC 1.1 issuanceDate ≤ now
 * (§4.6: "the date and time the credential becomes valid") and now < expirationDate (§4.8). Where
 * a credential carries both kinds, the narrower window holds.
 */
export function checkValidity(checks: Checks, credential: Record<string, unknown>, now: Date): void {
  const starts = (["validFrom", "issuanceDate"] as const).filter((k) => credential[k] !== undefined);
  const ends = (["validUntil", "expirationDate"] as const).filter((k) => credential[k] !== undefined);
  const at = (k: string) => parseDate(credential[k]);
  if ([...starts, ...ends].some((k) => at(k) === null)) {
    const names = [...starts, ...ends].filter((k) => at(k) === null).join(", ");
    checks.set("validity", "failed", "ERR_VALIDITY_MALFORMED", `${names} is not a date.`);
    return;
  }
  const notYet = starts.find((k) => now.getTime() < at(k)!);
  const ended = ends.find((k) => now.getTime() >= at(k)!);
  if (notYet) {
    checks.set("validity", "failed", "ERR_NOT_YET_VALID", `Not valid before ${credential[notYet] as string}.`);
  } else if (ended) {
    checks.set("validity", "failed", "ERR_EXPIRED", `Expired on ${credential[ended] as string}.`);
  } else {
    const until = ends.map((k) => credential[k] as string).sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    checks.set("validity", "passed", "OK", until === undefined ? "Valid with no end date." : `Valid until ${until}.`);
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
