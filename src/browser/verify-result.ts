/**
 * The /verify page sends an uploaded PDF to `POST /credentials/verify` as `application/pdf` (the
 * API's own PDF path, which compares the printed content too) and shows the API's answer. This maps
 * that answer to what the page shows; anything unexpected is "could not check", never a verdict.
 * Pure; never throws.
 */
import type { CheckName, CheckStatus } from "../domain/types";
import { CHECK_LABEL, EXPLAIN, STATUS_LABEL, VERDICT, type PageVerdict } from "../pages/verdict";

/** Largest upload the service accepts on /verify and on `POST /credentials/verify` (app.ts MAX_BODY_BYTES). */
export const MAX_UPLOAD_BYTES = 256 * 1024;

/** One check line. */
export interface CheckView {
  check: string;
  status: CheckStatus;
  label: string;
  statusLabel: string;
  explain: string;
}

/** What the result section shows. */
export type ResultView =
  | {
      kind: "result";
      verdict: PageVerdict;
      tone: string;
      icon: string;
      title: string;
      detail: string;
      checks: CheckView[];
    }
  | { kind: "error"; message: string };

const VERDICTS = ["valid", "invalid", "revoked", "suspended", "expired", "not-yet-valid", "could-not-check"];
const STATUSES: readonly string[] = ["passed", "failed", "could-not-check"];

/** The key of every message {@link apiResultView} may use. */
export function resultMessageKeys(): string[] {
  const keys = new Set<string>([
    "verifyTooLarge",
    "verifyUnreadable",
    "verifyChecking",
    "verifyApiUnavailable",
    "checksTitle",
    "explainCouldNotCheck",
  ]);
  for (const v of Object.values(VERDICT)) keys.add(v.title).add(v.detail);
  for (const k of Object.values(CHECK_LABEL)) keys.add(k);
  for (const [a, b] of Object.values(EXPLAIN)) keys.add(a).add(b);
  for (const k of Object.values(STATUS_LABEL)) keys.add(k);
  return [...keys];
}

/** Maps the API's HTTP status and JSON body to the page's result. */
export function apiResultView(status: number, body: unknown, m: Readonly<Record<string, string>>): ResultView {
  const error = (key: string): ResultView => ({ kind: "error", message: m[key] ?? "" });
  if (status === 413) return error("verifyTooLarge");
  const b = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const verdict = b.verdict;
  const checks = b.checks;
  if (typeof verdict !== "string" || !VERDICTS.includes(verdict) || !Array.isArray(checks)) {
    return status >= 500 || status === 429 ? error("verifyApiUnavailable") : error("verifyUnreadable");
  }
  const views: CheckView[] = [];
  for (const c of checks as unknown[]) {
    const r = typeof c === "object" && c !== null ? (c as Record<string, unknown>) : {};
    const name = r.check as CheckName;
    const st = r.status as CheckStatus;
    if (typeof name !== "string" || !Object.hasOwn(CHECK_LABEL, name) || !STATUSES.includes(st as string))
      return error("verifyApiUnavailable");
    const explain = st === "passed" ? EXPLAIN[name][0] : st === "failed" ? EXPLAIN[name][1] : "explainCouldNotCheck";
    views.push({
      check: name,
      status: st,
      label: m[CHECK_LABEL[name]] ?? "",
      statusLabel: m[STATUS_LABEL[st]] ?? "",
      explain: m[explain] ?? "",
    });
  }
  // Fail closed: "valid" needs the API's own verified flag, a 200 and every check passed.
  const allPassed = views.length > 0 && views.every((c) => c.status === "passed");
  const statusDetail = typeof b.statusDetail === "object" && b.statusDetail !== null ? b.statusDetail : {};
  const shown: PageVerdict =
    verdict === "valid" && !(b.verified === true && status === 200 && allPassed)
      ? "could-not-check"
      : // Not valid, and no WeGO signature could even be checked (a PDF WeGO did not issue):
        // not a WeGO certificate at all, as the server's form says (pages/verify-presenter.ts).
        verdict === "invalid" && !views.some((c) => c.check === "signature")
        ? "not-wego"
        : verdict === "revoked" && typeof (statusDetail as { supersededBy?: unknown }).supersededBy === "string"
          ? "replaced"
          : (verdict as PageVerdict);
  const v = VERDICT[shown];
  return {
    kind: "result",
    verdict: shown,
    tone: v.tone,
    icon: v.icon,
    title: m[v.title] ?? "",
    detail: m[v.detail] ?? "",
    checks: views,
  };
}
