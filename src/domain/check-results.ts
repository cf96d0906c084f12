/**
 * The result builder every verification shares: checks in a fixed order, each with a code of its
 * own (`CheckCodes`), and the verdict they make. Fail closed: a check never run is could-not-check.
 */
import type { Check, CheckCodes, CheckName, CheckStatus, VerificationResult } from "./types";
import type { StatusOutcome } from "./verify-deps";

const ORDER: CheckName[] = ["format", "record", "issuer-key", "signature", "validity", "status"];

/** The checks of one verification, and the result they make (fail closed: only all-passed is verified). */
export class Checks {
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
  set<N extends CheckName>(check: N, status: CheckStatus, code: CheckCodes[N], message: string): void {
    this.list.set(check, { check, status, code, message });
  }
  passed(check: CheckName): boolean {
    return this.list.get(check)?.status === "passed";
  }
  result(extra: Pick<VerificationResult, "format" | "credential" | "warnings">): VerificationResult {
    for (const name of ORDER)
      if (!this.list.has(name))
        this.list.set(name, {
          check: name,
          status: "could-not-check",
          code: "ERR_NOT_CHECKED",
          message: "Not checked: an earlier check failed.",
        });
    const checks = ORDER.map((n) => this.list.get(n)!);
    // The checks that failed come first (VC-API clients read errors[0]), then those not run.
    const errors = [
      ...checks.filter((c) => c.status === "failed"),
      ...checks.filter((c) => c.status === "could-not-check"),
    ];
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
