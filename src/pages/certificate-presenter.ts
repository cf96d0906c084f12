/**
 * Turns a verification result and the stored status of a certificate into what its page shows:
 * the status facts and the page verdict. Pure; used by the `/c/{id}` and `/verify` routes.
 */
import { isPublicReason } from "../domain/status-reasons";
import type { VerificationResult } from "../domain/types";
import type { PageVerdict, StatusDetail } from "./verdict";

/** The status columns of a stored certificate (a subset of the repository's row). */
export interface StoredStatus {
  status: string;
  status_reason: string | null;
  status_changed_at: string | null;
  superseded_by: string | null;
}

/**
 * Revocation / suspension facts: from the stored row when it says revoked or suspended (the page
 * reads it fresh, while a verification's status check may come from an isolate's status cache),
 * else from the verification's status check. A reason that is not a public code (free text from
 * before migration 0014) is dropped.
 */
export function statusDetailOf(result: VerificationResult, row?: StoredStatus): StatusDetail | undefined {
  if (!row || (row.status !== "revoked" && row.status !== "suspended")) return result.statusDetail;
  return {
    state: row.status,
    reason: isPublicReason(row.status_reason) ? row.status_reason : undefined,
    at: row.status_changed_at ?? undefined,
    supersededBy: row.superseded_by ?? undefined,
  };
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
