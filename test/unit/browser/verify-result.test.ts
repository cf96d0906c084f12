import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../../src/app";
import { apiResultView, MAX_UPLOAD_BYTES, resultMessageKeys } from "../../../src/browser/verify-result";
import { en } from "../../../src/pages/i18n/en";

const m = Object.fromEntries(resultMessageKeys().map((k) => [k, en[k as keyof typeof en]]));
const passed = (check: string) => ({ check, status: "passed", code: "OK", message: "" });
const ALL = ["format", "issuer-key", "signature", "validity", "status", "pdf-content"].map(passed);

describe("apiResultView (the /verify page shows the API's PDF verdict)", () => {
  it("every message it needs exists", () => {
    for (const k of resultMessageKeys()) expect(en[k as keyof typeof en], k).toBeTypeOf("string");
  });

  it("uses the service's body limit", () => {
    expect(MAX_UPLOAD_BYTES).toBe(MAX_BODY_BYTES);
  });

  it("shows Valid only for a 200, verified, all-passed answer", () => {
    const ok = apiResultView(200, { verified: true, verdict: "valid", checks: ALL }, m);
    expect(ok).toMatchObject({ kind: "result", verdict: "valid", title: "Valid" });
    for (const [status, body] of [
      [200, { verified: false, verdict: "valid", checks: ALL }],
      [400, { verified: true, verdict: "valid", checks: ALL }],
      [200, { verified: true, verdict: "valid", checks: [] }],
      [200, { verified: true, verdict: "valid", checks: [...ALL.slice(1), { ...ALL[0], status: "failed" }] }],
    ] as const)
      expect(apiResultView(status, body, m)).toMatchObject({ kind: "result", verdict: "could-not-check" });
  });

  it("shows the API's mismatch as Not valid, with the failed PDF check", () => {
    const checks = [...ALL.slice(0, 5), { check: "pdf-content", status: "failed", code: "ERR_PDF_CONTENT_MISMATCH" }];
    const v = apiResultView(400, { verified: false, verdict: "invalid", checks }, m);
    expect(v).toMatchObject({ kind: "result", verdict: "invalid", tone: "bad" });
    expect(v.kind === "result" && v.checks[5]).toEqual({
      check: "pdf-content",
      status: "failed",
      label: en.checkPdfContent,
      statusLabel: en.checkFailed,
      explain: en.explainPdfContentFailed,
    });
  });

  it("anything unexpected is a message, never a verdict", () => {
    expect(apiResultView(413, { code: "ERR_BODY_TOO_LARGE" }, m)).toEqual({
      kind: "error",
      message: en.verifyTooLarge,
    });
    expect(apiResultView(503, null, m)).toEqual({ kind: "error", message: en.verifyApiUnavailable });
    expect(apiResultView(429, { code: "ERR_RATE_LIMITED" }, m)).toEqual({
      kind: "error",
      message: en.verifyApiUnavailable,
    });
    expect(apiResultView(400, { code: "ERR_VALIDATION" }, m)).toEqual({ kind: "error", message: en.verifyUnreadable });
    expect(apiResultView(200, { verdict: "great", checks: [] }, m).kind).toBe("error");
    expect(apiResultView(200, { verdict: "valid", checks: [{ check: "magic", status: "passed" }] }, m).kind).toBe(
      "error",
    );
    expect(apiResultView(200, { verdict: "valid", checks: [null] }, m).kind).toBe("error");
  });
});
