/**
 * A stored certificate as the public routes need it: its credential verified now, with its status
 * columns (for the page), or just its current status (to decide whether its PDF and picture are
 * still served).
 */
import { findCertificate, findPageCertificate, type CertificateRow } from "../adapters/storage/certificate-repository";
import { findPdfServingFacts, type PdfServingFacts } from "../adapters/storage/pdf-repository";
import type { VerificationResult } from "../domain/types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { verifyCredential } from "./verify-credential";
import { namedKeyHex, provenKeyOf, recallProven, shareProven, storedDigest } from "./proven-signatures";

/** The status columns of a stored certificate. */
export type StoredStatus = Pick<
  CertificateRow,
  "status" | "status_reason" | "status_changed_at" | "superseded_by" | "achievement_id"
>;

/** A certificate verified for its page. */
export interface CheckedCertificate {
  credential: Record<string, unknown>;
  result: VerificationResult;
  stored: StoredStatus;
}

/**
 * Loads and verifies a certificate; undefined when unknown. Storage failures throw `ERR_UNAVAILABLE`.
 * One D1 read: the row just read is also the record the credential is compared with and, for the
 * status slot it holds, the status (fresher than the status cache, never staler). Bytes verified in
 * full before, by this isolate or another of this deployment, skip the checks that depend on the
 * bytes alone (services/proven-signatures.ts); this view's own verification is shared otherwise.
 */
export async function checkStoredCertificate(deps: AppDeps, id: string): Promise<CheckedCertificate | undefined> {
  const row = await findPageCertificate(deps.store, id);
  if (!row) return undefined;
  const credential = JSON.parse(row.credential) as Record<string, unknown>;
  const digest = await storedDigest(row.credential);
  const known = await recallProven(deps, digest);
  const proven = known !== undefined && known === namedKeyHex(deps, credential);
  const result = await verifyCredential(deps, credential, { stored: { row, credential, digest, proven } });
  const verified = provenKeyOf(digest);
  if (known === undefined && verified !== undefined) await shareProven(deps, digest, verified);
  return { credential, result, stored: row };
}

/**
 * Refuses to hand out a certificate's PDF or picture once it is revoked (410, also when replaced by
 * a corrected one) or while it is suspended (409): they would pass on a certificate WeGO withdrew.
 * The credential JSON and VC-JWT stay available, since verifiers need them to see the status.
 */
export async function assertServable(deps: AppDeps, id: string): Promise<void> {
  const row = await findCertificate(deps.store, id);
  if (!row) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  assertServableStatus(row);
}

/** {@link assertServable} on status columns already read. */
export function assertServableStatus(row: Pick<CertificateRow, "status" | "superseded_by">): void {
  if (row.status === "revoked")
    throw new AppError(
      "ERR_REVOKED",
      row.superseded_by
        ? `This certificate was replaced by a corrected one: /c/${row.superseded_by}`
        : "This certificate was revoked by WeGO; its PDF and picture are no longer served",
    );
  if (row.status === "suspended")
    throw new AppError("ERR_SUSPENDED", "This certificate is suspended; its PDF and picture are not served meanwhile");
}

/**
 * Status, print language and short code of a certificate whose PDF is asked for, in one fresh read
 * (a revocation stops the PDF at once); throws as {@link assertServable} does.
 */
export async function pdfServingFacts(deps: AppDeps, id: string): Promise<PdfServingFacts> {
  const facts = await findPdfServingFacts(deps.store, id);
  if (!facts) throw new AppError("ERR_NOT_FOUND", "No certificate with this id");
  assertServableStatus(facts);
  return facts;
}
