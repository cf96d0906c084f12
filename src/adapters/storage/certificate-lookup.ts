/** Certificates by participant: lookup through the email blind index, and erasure of personal data. */
import { unavailableOnError, type Store } from "./database";
import { withFullVcJwt, type CertificateRow } from "./certificate-repository";

/** Most certificates one address is answered with (a participant has a handful). */
export const MAX_PER_ADDRESS = 50;

/** Certificates whose address has this blind index, newest first (at most `limit`). */
export async function certificatesByEmailIndex(
  store: Store,
  emailIndex: string,
  limit = MAX_PER_ADDRESS,
): Promise<CertificateRow[]> {
  const rows = await unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .selectAll()
      .where("email_index", "=", emailIndex)
      .orderBy("issued_at", "desc")
      .limit(limit)
      .execute(),
  );
  return rows.map(withFullVcJwt);
}

/** Erases the stored address of these certificates (the signed credential keeps only its salted hash). */
export function certificateEmailErase(store: Store, ids: string[]) {
  return store.db
    .updateTable("certificates")
    .set({ email_ciphertext: null, email_key_id: null, email_index: null })
    .where("id", "in", ids);
}

/** Deletes the delivery records of these certificates and those addressed by this blind index. */
export function deliveriesErase(store: Store, ids: string[], emailIndex: string | null) {
  return store.db
    .deleteFrom("deliveries")
    .where((eb) =>
      eb.or([
        ...(ids.length ? [eb("certificate_id", "in", ids)] : []),
        ...(emailIndex ? [eb("email_index", "=", emailIndex)] : []),
      ]),
    );
}

/** What sending needs to know of these certificates (read in slices: D1 binds at most 100 parameters). */
export async function deliveryFacts(store: Store, ids: string[]) {
  const out: Pick<CertificateRow, "id" | "language" | "status" | "email_ciphertext">[] = [];
  for (let i = 0; i < ids.length; i += 90) {
    const slice = ids.slice(i, i + 90);
    out.push(
      ...(await unavailableOnError(() =>
        store.db
          .selectFrom("certificates")
          .select(["id", "language", "status", "email_ciphertext"])
          .where("id", "in", slice)
          .execute(),
      )),
    );
  }
  return out;
}
