/** Shapes shared by the domain: catalogue entries, certificate input, verification results. */
import type { PublicReason } from "./status-reasons";
import type { IssueCertificateRequest } from "../lib/request-types.generated";

/** An entry of WeGO's programme catalogue: the online phase or one in-person workshop. */
export interface AchievementRecord {
  /** Stable slug, e.g. `champions-2023-workshop-baku`. */
  id: string;
  kind: "online" | "workshop";
  name: string;
  description: string;
  criteria: string;
  /** Workshop city, absent for the online phase. */
  city: string | null;
  /** Workshop date (YYYY-MM-DD). */
  date: string | null;
  /** Themes, in the order WeGO lists them. */
  themes: string[];
  venue: string | null;
}

/** What an admin supplies to issue one certificate (generated from schemas/issue-certificate-request.json). */
export type CertificateRequest = IssueCertificateRequest;

/** Outcome of one verification check. */
export type CheckStatus = "passed" | "failed" | "could-not-check";

/** The checks every verification reports, in this order. */
export type CheckName = "format" | "record" | "signature" | "issuer-key" | "validity" | "status" | "pdf-content";

/**
 * The stable codes each check reports (`OK` when it passed; `ERR_NOT_CHECKED` when an earlier
 * check failed). Clients may switch on them; a check can only report its own codes.
 */
export interface CheckCodes {
  format:
    | "OK"
    | "ERR_FORMAT"
    | "ERR_DATA_MODEL"
    | "ERR_NOT_A_CERTIFICATE"
    | "ERR_UNKNOWN_ISSUER"
    | "ERR_JWT_ALG"
    | "ERR_JWT_TYP"
    | "ERR_JWT_HEADER";
  record: "OK" | "ERR_NOT_ON_RECORD" | "ERR_NOT_AS_ISSUED" | "ERR_RECORD_UNAVAILABLE";
  "issuer-key": "OK" | "ERR_UNKNOWN_KEY" | "ERR_KEY_COMPROMISED" | "ERR_KEY_NOT_VALID_AT_ISSUANCE";
  signature:
    "OK" | "ERR_PROOF_MALFORMED" | "ERR_PROOF_VALUE" | "ERR_CANONICALIZATION" | "ERR_BAD_SIGNATURE" | "ERR_JWT_INVALID";
  validity: "OK" | "ERR_VALIDITY_MALFORMED" | "ERR_NOT_YET_VALID" | "ERR_EXPIRED";
  status: "OK" | "STATUS_NONE" | "ERR_REVOKED" | "ERR_SUSPENDED" | "ERR_STATUS_UNAVAILABLE";
  "pdf-content": "OK" | "ERR_PDF_NOT_PDF" | "ERR_PDF_NOT_ISSUED";
}

/** Any check's code. */
export type CheckCode = CheckCodes[CheckName] | "ERR_NOT_CHECKED";

/** One check, with a stable code and a plain-language message. */
export interface Check {
  check: CheckName;
  status: CheckStatus;
  code: CheckCode;
  message: string;
}

/** Verification outcome: verified only when every check passed (fail closed). */
export interface VerificationResult {
  verified: boolean;
  checks: Check[];
  /** The failed or uncheckable checks (VC-API `errors`). */
  errors: Check[];
  /** What the caller should know although it does not fail verification (VC-API `warnings`). */
  warnings?: Array<{ code: "NOT_A_CERTIFICATE"; message: string }>;
  /** Overall verdict for display. */
  verdict: "valid" | "invalid" | "revoked" | "suspended" | "expired" | "not-yet-valid" | "could-not-check";
  /** Which securing mechanism was checked. */
  format?: "data-integrity" | "vc-jwt";
  /** Status details when the status check could read them. */
  statusDetail?: {
    state: "active" | "revoked" | "suspended";
    reason?: PublicReason;
    at?: string;
    supersededBy?: string;
  };
  /** The credential that was checked (payload of a VC-JWT), when it could be parsed. */
  credential?: Record<string, unknown>;
}
