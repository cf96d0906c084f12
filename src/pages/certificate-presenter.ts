/**
 * Turns a verification result into what a certificate page shows:
 * the status facts and the page verdict. Pure; used by the `/c/{id}` and `/verify` routes.
 */
import type { VerificationResult } from "../domain/types";
import type { PageVerdict, StatusDetail } from "./verdict";

/**
 * Revocation / suspension facts, from the verification's status check (read through the status
 * cache, so a page never shows a status staler than that cache's bound).
 */
export function statusDetailOf(result: VerificationResult): StatusDetail | undefined {
  return result.statusDetail;
}

/**
 * The verdict to show: the verification's, overridden (fail closed) by a revocation or suspension
 * on the row; a revocation that points at a corrected certificate is shown as "replaced".
 */
export function pageVerdict(result: VerificationResult, status: StatusDetail | undefined): PageVerdict {
  if (result.verdict === "invalid") return "invalid";
  if (status?.state === "revoked") return status.supersededBy ? "replaced" : "revoked";
  if (status?.state === "suspended" && result.verdict !== "revoked") return "suspended";
  return result.verdict;
}
