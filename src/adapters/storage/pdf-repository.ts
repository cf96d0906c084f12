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
