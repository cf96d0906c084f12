/** Short verification codes (migration 0011): one per certificate, unique across certificates. */
import { unavailableOnError, type Store } from "./database";

/** The certificate a canonical code belongs to, or undefined. */
export async function findCertificateIdByCode(store: Store, code: string): Promise<string | undefined> {
  const row = await unavailableOnError(() =>
    store.db.selectFrom("certificate_codes").select("certificate_id").where("code", "=", code).executeTakeFirst(),
  );
  return row?.certificate_id;
}

/** The code of a certificate, or undefined when it has none yet. */
export async function findCodeOfCertificate(store: Store, certificateId: string): Promise<string | undefined> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("certificate_codes")
      .select("code")
      .where("certificate_id", "=", certificateId)
      .executeTakeFirst(),
  );
  return row?.code;
}

/**
 * Gives `code` to the certificate unless it already has one or the code is taken (INSERT … ON
 * CONFLICT DO NOTHING: concurrent callers cannot give one certificate two codes); returns the
 * certificate's code afterwards, or undefined when `code` was taken by another certificate.
 */
export async function claimCode(
  store: Store,
  row: { code: string; certificate_id: string; created_at: string },
): Promise<string | undefined> {
  await unavailableOnError(() =>
    store.db
      .insertInto("certificate_codes")
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
  return findCodeOfCertificate(store, row.certificate_id);
}
