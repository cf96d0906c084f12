/**
 * Turns a verification result and the stored status of a certificate into what its page shows:
 * the status facts and the page verdict. Pure; used by the `/c/{id}` and `/verify` routes.
 */
import type { BrandManifest } from "../domain/brand";
import { signedFacts } from "../domain/signed-facts";
import { isPublicReason } from "../domain/status-reasons";
import type { VerificationResult } from "../domain/types";
import type { CertificateView } from "./certificate-view";
import { shareable, type PageVerdict, type StatusDetail } from "./verdict";

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

/** The deployment settings a certificate page shows (the service configuration's public part). */
export interface PageSettings {
  baseUrl: string;
  issuerDid: string;
  linkedInOrganizationId?: string;
  reportContact: string;
}

/** What the certificate page of `id` shows for `credential` as verified in `result`. */
export interface CertificateViewInput {
  id: string;
  credential: Record<string, unknown>;
  result: VerificationResult;
  /** The stored row's status, read fresh with the credential. */
  stored?: StoredStatus;
  settings: PageSettings;
  checkedAt: Date;
  brand?: BrandManifest;
}

/**
 * The certificate page's view model. Only what the credential signs is shown: the catalogue can
 * change after issuance, the credential cannot.
 */
export function certificateView(v: CertificateViewInput): CertificateView {
  const status = statusDetailOf(v.result, v.stored);
  const verdict = pageVerdict(v.result, status);
  return {
    id: v.id,
    url: typeof v.credential.id === "string" ? v.credential.id : `${v.settings.baseUrl}/c/${v.id}`,
    verdict,
    status,
    checks: v.result.checks,
    facts: signedFacts(v.credential),
    issuerDid: v.settings.issuerDid,
    checkedAt: v.checkedAt.toISOString(),
    shareable: shareable(verdict),
    linkedInOrganizationId: v.settings.linkedInOrganizationId,
    reportContact: v.settings.reportContact,
    brand: v.brand,
    baseUrl: v.settings.baseUrl,
  };
}
