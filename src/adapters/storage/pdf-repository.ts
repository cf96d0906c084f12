/** The register of certificate PDFs served, by the SHA-256 of their bytes. */
import { unavailableOnError, type CertificatePdfTable, type Store } from "./database";

/** The certificate a PDF with this SHA-256 (hex) was served for, or undefined. */
export async function findPdfByHash(store: Store, sha256: string): Promise<string | undefined> {
  const row = await unavailableOnError(() =>
    store.db.selectFrom("certificate_pdfs").select("certificate_id").where("sha256", "=", sha256).executeTakeFirst(),
  );
  return row?.certificate_id;
}

/** Records a served PDF; recording the same bytes again is a no-op. */
export async function recordPdf(store: Store, row: CertificatePdfTable): Promise<void> {
  await unavailableOnError(() =>
    store.db
      .insertInto("certificate_pdfs")
      .values(row)
      .onConflict((oc) => oc.column("sha256").doNothing())
      .execute(),
  );
}

/** What serving a certificate's PDF needs beyond its signed content, read in one query. */
export interface PdfServingFacts {
  status: "active" | "suspended" | "revoked";
  superseded_by: string | null;
  language: "en" | "ko";
  /** The short code printed on it; null until one is given (then services/short-codes.ts claims one). */
  code: string | null;
}

/** The current status, print language and short code of a certificate; undefined when unknown. */
export async function findPdfServingFacts(store: Store, id: string): Promise<PdfServingFacts | undefined> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .leftJoin("certificate_codes", "certificate_codes.certificate_id", "certificates.id")
      .select(["certificates.status", "certificates.superseded_by", "certificates.language", "certificate_codes.code"])
      .where("certificates.id", "=", id)
      .executeTakeFirst(),
  );
  if (!row) return undefined;
  return { ...row, language: row.language === "ko" ? "ko" : "en" };
}
