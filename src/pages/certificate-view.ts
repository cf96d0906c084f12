/** The certificate page's view model, shared by its sections. */
import type { BrandManifest } from "../domain/brand";
import type { SignedFacts } from "../domain/signed-facts";
import type { Check } from "../domain/types";
import type { PageVerdict, StatusDetail } from "./verdict";

/** The certificate page's view model: only what the credential signs, plus the live verdict. */
export interface CertificateView {
  id: string;
  /** Public certificate URL (credential `id`). */
  url: string;
  verdict: PageVerdict;
  status?: StatusDetail;
  checks: readonly Check[];
  /** Everything shown about the certificate, read from the signed credential only. */
  facts: SignedFacts;
  /** WeGO's DID, which the browser re-check pins the issuer to. */
  issuerDid: string;
  /** When the server rendered this verdict (ISO 8601): a saved copy is dated by it. */
  checkedAt: string;
  /** True when the certificate may be downloaded, shared and printed (see verdict.ts `shareable`). */
  shareable: boolean;
  /** LinkedIn company page id of WeGO (config), for the add-to-profile link. */
  linkedInOrganizationId?: string;
  /** Where to report a suspected fake: an email address or an https URL (config). */
  reportContact: string;
  /** The brand set in use (logo in the header). */
  brand?: BrandManifest;
  /** Absolute base URL, for the og:image. */
  baseUrl: string;
}
