/**
 * Staff search over certificates: filters, newest first, keyset pages on (issued_at, rowid) so that a
 * page is one index range walk however deep it is (no OFFSET), and the search-key backfill.
 */
import { sql, type ExpressionBuilder } from "kysely";
import { unavailableOnError, type CertificateTable, type Database, type Store } from "./database";

/** What a list or export selects: everything staff see, nothing of the signed documents. */
export const SUMMARY_COLUMNS = [
  "id",
  "recipient_name",
  "achievement_id",
  "status",
  "status_reason",
  "status_changed_at",
  "issued_at",
  "valid_until",
  "key_id",
  "external_id",
  "batch_id",
  "superseded_by",
  "supersedes",
] as const satisfies readonly (keyof CertificateTable)[];

/** One row of a list. */
export type CertificateSummaryRow = Pick<CertificateTable, (typeof SUMMARY_COLUMNS)[number]>;

/** Filters, all optional and combined with AND. */
export interface CertificateFilter {
  /** Any of these achievement ids. */
  achievementIds?: readonly string[];
  /** Achievement ids starting with `<programme>-` (e.g. `champions-2024`). */
  programme?: string;
  statuses?: readonly CertificateTable["status"][];
  batchId?: string;
  keyId?: string;
  /** issued_at ≥ this (ISO 8601 UTC, seconds). */
  issuedFrom?: string;
  /** issued_at < this. */
  issuedBefore?: string;
  /**
   * Any of: the exact certificate id or external id, the search key occurring in the name, the
   * keyed blind index of the email (HMAC, adapters/crypto/email-vault.ts; migration 0007). (The
   * unkeyed `email_key` of migration 0013 was dropped by 0015: an unkeyed hash of an address is guessable.)
   */
  text?: { exact: string; nameKey: string; emailIndex?: string };
}

/** Where a page ends: the next page starts strictly after it. */
export interface ListPosition {
  issuedAt: string;
  /** The row's SQLite rowid: larger for every later insert, so rows issued after a page was read sort before it. */
  seq: number;
}

function where(filter: CertificateFilter) {
  return (eb: ExpressionBuilder<Database, "certificates">) => {
    const and = [];
    if (filter.achievementIds?.length) and.push(eb("achievement_id", "in", filter.achievementIds));
    // A prefix as an index range: '.' is the character after '-', so this is "starts with <p>-".
    if (filter.programme)
      and.push(eb("achievement_id", ">", `${filter.programme}-`), eb("achievement_id", "<", `${filter.programme}.`));
    if (filter.statuses?.length) and.push(eb("status", "in", filter.statuses));
    if (filter.batchId) and.push(eb("batch_id", "=", filter.batchId));
    if (filter.keyId) and.push(eb("key_id", "=", filter.keyId));
    if (filter.issuedFrom) and.push(eb("issued_at", ">=", filter.issuedFrom));
    if (filter.issuedBefore) and.push(eb("issued_at", "<", filter.issuedBefore));
    if (filter.text) {
      const { exact, nameKey, emailIndex } = filter.text;
      const any = [eb("id", "=", exact), eb("external_id", "=", exact)];
      if (emailIndex) any.push(eb("email_index", "=", emailIndex));
      // instr, not LIKE: the key is matched literally (a typed % or _ is not a wildcard).
      if (nameKey) any.push(eb(eb.fn("instr", ["search_name", eb.val(nameKey)]), ">", 0));
      and.push(eb.or(any));
    }
    return eb.and(and);
  };
}

/** Up to `limit` certificates matching `filter`, newest first, strictly after `after`. */
export async function searchCertificates(
  store: Store,
  filter: CertificateFilter,
  after: ListPosition | undefined,
  limit: number,
): Promise<(CertificateSummaryRow & { seq: number })[]> {
  // Ties within one second of issued_at are broken by rowid, not id: a certificate issued while
  // someone pages (same second, any id) gets a larger rowid, so it sorts before the pages already
  // read and never shows up in a later one. Every index on certificates ends in the rowid.
  const seq = sql<number>`certificates.rowid`;
  return unavailableOnError(() => {
    let q = store.db.selectFrom("certificates").select(SUMMARY_COLUMNS).select(seq.as("seq")).where(where(filter));
    if (after) q = q.where((eb) => eb(eb.tuple(eb.ref("issued_at"), seq), "<", eb.tuple(after.issuedAt, after.seq)));
    return q.orderBy("issued_at", "desc").orderBy(seq, "desc").limit(limit).execute();
  });
}

/** How many certificates match `filter`. */
export async function countCertificates(store: Store, filter: CertificateFilter): Promise<number> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where(where(filter))
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

/** Certificates stored before migration 0013 whose name key is still missing (partial index). */
export async function certificatesWithoutSearchKey(store: Store, limit: number) {
  return unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select(["id", "recipient_name"])
      .where("search_name", "is", null)
      .limit(limit)
      .execute(),
  );
}

/** Sets a certificate's name key (a statement for a D1 batch). */
export function searchKeyUpdate(store: Store, id: string, key: string) {
  return store.db.updateTable("certificates").set({ search_name: key }).where("id", "=", id);
}
