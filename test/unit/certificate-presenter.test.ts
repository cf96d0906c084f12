/** The page's status facts and verdict (pages/certificate-presenter.ts): the row read for the page wins over a cached status. */
import { describe, expect, it } from "vitest";
import { pageVerdict, statusDetailOf, type StoredStatus } from "../../src/pages/certificate-presenter";
import type { VerificationResult } from "../../src/domain/types";

/** A verification whose status check passed (as from an isolate's status cache). */
const validResult: VerificationResult = {
  verified: true,
  checks: [],
  errors: [],
  verdict: "valid",
  statusDetail: { state: "active" },
};
const row = (status: string, extra: Partial<StoredStatus> = {}): StoredStatus => ({
  status,
  status_reason: "withdrawn",
  status_changed_at: "2026-06-01T00:00:00Z",
  superseded_by: null,
  ...extra,
});

describe("statusDetailOf / pageVerdict", () => {
  it("a revoked or suspended row overrides a status check that said active", () => {
    const revoked = statusDetailOf(validResult, row("revoked"));
    expect(revoked).toEqual({ state: "revoked", reason: "withdrawn", at: "2026-06-01T00:00:00Z" });
    expect(pageVerdict(validResult, revoked)).toBe("revoked");
    const replaced = statusDetailOf(validResult, row("revoked", { superseded_by: "AAAAAAAAAAAAAAAAAAAAAA" }));
    expect(pageVerdict(validResult, replaced)).toBe("replaced");
    const suspended = statusDetailOf(validResult, row("suspended", { status_reason: "free text" }));
    expect(suspended).toEqual({ state: "suspended", reason: undefined, at: "2026-06-01T00:00:00Z" });
    expect(pageVerdict(validResult, suspended)).toBe("suspended");
  });

  it("an active row leaves the verification's own status facts", () => {
    expect(statusDetailOf(validResult, row("active"))).toEqual({ state: "active" });
    expect(statusDetailOf(validResult)).toEqual({ state: "active" });
    expect(pageVerdict(validResult, statusDetailOf(validResult, row("active")))).toBe("valid");
  });
});
