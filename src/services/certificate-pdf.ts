/** The certificate PDF: rendering a stored certificate, and verifying an uploaded PDF. */
import { extractPdfCredential } from "../adapters/pdf/extract-credential";
import { renderCertificatePdf } from "../adapters/pdf/render-certificate";
import { pdfVisibleContentMatches } from "../adapters/pdf/visible-content";
import { findAchievement } from "../adapters/storage/achievement-repository";
import { findCertificate, type CertificateRow } from "../adapters/storage/certificate-repository";
import type { Check, VerificationResult } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { describeCertificate } from "./issue-certificate";
import type { SignedCertificate } from "./signed-certificates";
import { verifyCredential } from "./verify-credential";

/** Renders the PDF of a stored certificate (deterministic: same certificate, same bytes). */
export async function renderStoredCertificate(deps: AppDeps, row: SignedCertificate): Promise<Uint8Array> {
  const achievement = await findAchievement(deps.store, row.achievement_id);
  if (!achievement) throw new AppError("ERR_INTERNAL", `achievement ${row.achievement_id} missing`);
  return renderCertificatePdf(
    {
      certificateId: row.id,
      verificationUrl: describeCertificate(deps, row).qrUrl,
      recipientName: row.recipient_name,
      achievement,
      issuedAt: new Date(row.issued_at),
      validUntil: row.valid_until ?? undefined,
      credentialJson: row.credential,
      vcJwt: row.vc_jwt,
    },
    deps.fonts,
  );
}

/** Result of verifying a PDF: the credential's checks plus the PDF's own. */
export type PdfVerificationResult = VerificationResult & {
  pdf: {
    attachment: "credential.json" | "credential.jwt" | "none";
    visibleContent: "matches" | "differs" | "could-not-check";
  };
};

const fail = (code: string, message: string): Check => ({ check: "pdf-content", status: "failed", code, message });

/**
 * Verifies a certificate PDF: extracts the attached credential and verifies it, then re-renders
 * the certificate and compares what the pages show. Fail closed: no attachment, an unverifiable
 * attachment, or different visible content is never reported as valid.
 */
export async function verifyPdf(deps: AppDeps, bytes: Uint8Array): Promise<PdfVerificationResult> {
  const extracted = await extractPdfCredential(bytes);
  if ("error" in extracted) {
    const check = fail("ERR_PDF_NO_CREDENTIAL", `This PDF carries no verifiable credential (${extracted.error}).`);
    return {
      verified: false,
      verdict: "invalid",
      checks: [check],
      errors: [check],
      pdf: { attachment: "none", visibleContent: "could-not-check" },
    };
  }
  let input: unknown = extracted.vcJwt;
  let attachment: "credential.json" | "credential.jwt" = "credential.jwt";
  if (extracted.credentialJson) {
    attachment = "credential.json";
    try {
      input = JSON.parse(extracted.credentialJson);
    } catch {
      input = null;
    }
  }
  const result = await verifyCredential(deps, input);
  let visible: PdfVerificationResult["pdf"]["visibleContent"] = "could-not-check";
  let check: Check = {
    check: "pdf-content",
    status: "could-not-check",
    code: "ERR_PDF_NOT_COMPARED",
    message: "The printed content could not be compared with the credential.",
  };
  const id =
    typeof result.credential?.id === "string" ? /\/c\/([A-Za-z0-9_-]{22})$/.exec(result.credential.id)?.[1] : undefined;
  if (result.checks.find((c) => c.check === "signature")?.status === "passed" && id) {
    const row = await findCertificate(deps.store, id);
    if (
      row &&
      JSON.stringify(JSON.parse(row.credential)) ===
        JSON.stringify(attachment === "credential.json" ? input : JSON.parse(row.credential))
    ) {
      const same = await pdfVisibleContentMatches(bytes, await renderStoredCertificate(deps, row));
      visible = same ? "matches" : "differs";
      check = same
        ? {
            check: "pdf-content",
            status: "passed",
            code: "OK",
            message: "What the PDF shows matches the signed credential.",
          }
        : fail(
            "ERR_PDF_CONTENT_MISMATCH",
            "What the PDF shows differs from the signed credential: the document was edited.",
          );
    }
  }
  const checks = [...result.checks, check];
  const errors = checks.filter((c) => c.status !== "passed");
  return {
    ...result,
    checks,
    errors,
    verified: result.verified && check.status === "passed",
    verdict:
      check.status === "failed"
        ? "invalid"
        : result.verified && check.status !== "passed"
          ? "could-not-check"
          : result.verdict,
    pdf: { attachment, visibleContent: visible },
  };
}
