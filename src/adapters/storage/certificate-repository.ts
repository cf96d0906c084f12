/** Certificate storage: the signed credential as issued, and Idempotency-Key bookkeeping. */
import { sql, type Compilable, type RawBuilder } from "kysely";
import { expandVcJwt } from "../../lib/detached-vc-jwt";
import { runBatch, unavailableOnError, type CertificateTable, type Store } from "./database";

export type CertificateRow = CertificateTable;

/** One certificate by id, or undefined. */
export async function findCertificate(store: Store, id: string): Promise<CertificateRow | undefined> {
  const row = await unavailableOnError(() =>
    store.db.selectFrom("certificates").selectAll().where("id", "=", id).executeTakeFirst(),
  );
  return row && withFullVcJwt(row);
}

/** The columns a certificate's page reads, in one query. */
const PAGE_COLUMNS = [
  "id",
  "credential",
  "vc_jwt",
  "achievement_id",
  "status",
  "status_reason",
  "status_changed_at",
  "superseded_by",
  "status_list",
  "status_index",
] as const satisfies readonly (keyof CertificateRow)[];

/** A certificate as its page reads it: the signed text as stored (VC-JWT detached) and its status now. */
export type PageCertificateRow = Pick<CertificateRow, (typeof PAGE_COLUMNS)[number]>;

/**
 * One certificate's page columns by id, or undefined. The VC-JWT is left as stored (detached since
 * issue 15): the page never shows it, and putting it back together encodes the whole credential.
 */
export async function findPageCertificate(store: Store, id: string): Promise<PageCertificateRow | undefined> {
  return unavailableOnError(() =>
    store.db.selectFrom("certificates").select(PAGE_COLUMNS).where("id", "=", id).executeTakeFirst(),
  );
}

/**
 * A stored row with its VC-JWT whole again (stored without its payload since issue 15; older rows
 * whole). Put back together on the first read of `vc_jwt` only: it re-encodes the whole credential,
 * and most readers (status changes, pages, PDFs, deliveries) never look at it.
 */
export function withFullVcJwt(row: CertificateRow): CertificateRow {
  const stored = row.vc_jwt;
  let full: string | undefined;
  return Object.defineProperty({ ...row }, "vc_jwt", {
    enumerable: true,
    get: () => (full ??= expandVcJwt(stored, row.credential)),
  });
}

/** The outcome of an idempotent insert. */
export type InsertOutcome =
  { kind: "created"; certificateId: string } | { kind: "replayed"; certificateId: string } | { kind: "key-reused" };

/**
 * Stores a certificate. With an Idempotency-Key, the key row and the certificate are written in
 * one D1 batch: the certificate is inserted only if this request's key row won the race, so
 * concurrent requests with one key create exactly one certificate and none is half-written.
 */
export async function insertCertificate(
  store: Store,
  row: CertificateRow,
  idempotency?: { key: string; requestHash: string; now: string },
  alsoInBatch: Compilable[] = [],
): Promise<InsertOutcome> {
  if (!idempotency) {
    await runBatch(store, [store.db.insertInto("certificates").values(row), ...alsoInBatch]);
    return { kind: "created", certificateId: row.id };
  }
  const { key, requestHash, now } = idempotency;
  await runBatch(store, [
    store.db
      .insertInto("idempotency_keys")
      .values({ key, request_hash: requestHash, certificate_id: row.id, created_at: now })
      .onConflict((oc) => oc.column("key").doNothing()),
    certificateInsertIf(
      store,
      row,
      sql<boolean>`(SELECT certificate_id FROM idempotency_keys WHERE key = ${key}) = ${row.id}`,
    ),
    ...alsoInBatch,
  ]);
  const winner = await unavailableOnError(() =>
    store.db.selectFrom("idempotency_keys").selectAll().where("key", "=", key).executeTakeFirstOrThrow(),
  );
  if (winner.request_hash !== requestHash) return { kind: "key-reused" };
  return winner.certificate_id === row.id
    ? { kind: "created", certificateId: row.id }
    : { kind: "replayed", certificateId: winner.certificate_id };
}

/** INSERT … SELECT … WHERE condition: the certificate is written only if `condition` holds in the batch. */
export function certificateInsertIf(store: Store, row: CertificateRow, condition: RawBuilder<boolean>) {
  return store.db
    .insertInto("certificates")
    .columns(Object.keys(row) as (keyof CertificateRow)[])
    .expression(store.db.selectNoFrom(Object.entries(row).map(([k, v]) => sql`${v}`.as(k)) as never).where(condition));
}

/** Certificates already issued for these external ids (bulk issuance). */
export async function certificatesByExternalId(store: Store, externalIds: string[]) {
  const rows = await unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select(["id", "external_id", "batch_id"])
      .where("external_id", "in", externalIds)
      .execute(),
  );
  return new Map(rows.map((r) => [r.external_id!, r]));
}

/** INSERT of a new certificate, as a statement for a D1 batch. */
export function certificateInsert(store: Store, row: CertificateRow) {
  return store.db.insertInto("certificates").values(row);
}

/** INSERT that does nothing when a UNIQUE column (external id, status slot) is taken. */
export function certificateInsertOrIgnore(store: Store, row: CertificateRow) {
  return store.db
    .insertInto("certificates")
    .values(row)
    .onConflict((oc) => oc.doNothing());
}

/** Correction: the old certificate is revoked as "replaced", unless it is already revoked. */
export function supersedeCertificate(store: Store, oldId: string, newId: string, at: string) {
  return store.db
    .updateTable("certificates")
    .set({
      status: "revoked",
      status_reason: "replaced",
      status_note: null,
      status_changed_at: at,
      superseded_by: newId,
    })
    .where("id", "=", oldId)
    .where("status", "!=", "revoked");
}

/** The replacement certificate, inserted only if the previous statement (the supersede) changed a row. */
export function certificateInsertIfChanged(store: Store, row: CertificateRow) {
  return certificateInsertIf(store, row, sql<boolean>`changes() = 1`);
}

/** The language a certificate's PDF is printed in (migration 0007; also the language of its emails), "en" when unset. */
export async function certificateLanguage(store: Store, id: string): Promise<"en" | "ko"> {
  const row = await unavailableOnError(() =>
    store.db.selectFrom("certificates").select("language").where("id", "=", id).executeTakeFirst(),
  );
  return row?.language === "ko" ? "ko" : "en";
}

/** Sets the language a certificate's PDF is printed in; false when there is no such certificate. */
export async function setCertificateLanguage(store: Store, id: string, language: "en" | "ko"): Promise<boolean> {
  const result = await unavailableOnError(() =>
    store.db.updateTable("certificates").set({ language }).where("id", "=", id).executeTakeFirst(),
  );
  return Number(result.numUpdatedRows) > 0;
}
