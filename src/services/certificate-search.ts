/**
 * Staff search: list certificates page by page (keyset paging in the database), count, and export
 * every match as CSV or JSON, streamed one database page at a time.
 */
import { csvLine } from "../lib/csv-cell";
import { utf8 } from "../lib/encoding";
import { searchKey } from "../lib/search-key";
import {
  certificatesWithoutSearchKey,
  countCertificates,
  searchCertificates,
  searchKeyUpdate,
  type CertificateFilter,
  type CertificateSummaryRow,
  type ListPosition,
} from "../adapters/storage/certificate-search-repository";
import { auditInsert } from "../adapters/storage/audit-repository";
import { runBatch } from "../adapters/storage/database";
import { certificateUrl } from "../domain/credential";
import type { AppDeps } from "./context";
import { encodeCursor, type CertificateQuery } from "./certificate-query";
import type { RequestActor } from "./issue-certificate";

/** One certificate as a list shows it. */
export interface CertificateSummary {
  id: string;
  url: string;
  recipientName: string;
  achievementId: string;
  status: "active" | "suspended" | "revoked";
  statusReason: string | null;
  statusChangedAt: string | null;
  issuedAt: string;
  validUntil: string | null;
  keyId: string;
  externalId: string | null;
  batchId: string | null;
  supersededBy: string | null;
  supersedes: string | null;
}

/** A page of a list; `cursor` fetches the next page (null on the last). */
export interface CertificatePage {
  items: CertificateSummary[];
  cursor: string | null;
  /** Every match, when the query asked for `count`. */
  total?: number;
}

/** Rows read per database page of an export or print pack. */
export const EXPORT_PAGE = 500;

function summary(deps: AppDeps, r: CertificateSummaryRow): CertificateSummary {
  return {
    id: r.id,
    url: certificateUrl(deps.config.baseUrl, r.id),
    recipientName: r.recipient_name,
    achievementId: r.achievement_id,
    status: r.status,
    statusReason: r.status_reason,
    statusChangedAt: r.status_changed_at,
    issuedAt: r.issued_at,
    validUntil: r.valid_until,
    keyId: r.key_id,
    externalId: r.external_id,
    batchId: r.batch_id,
    supersededBy: r.superseded_by,
    supersedes: r.supersedes,
  };
}

/**
 * Gives certificates stored before migration 0013 their name key (SQL cannot decompose Unicode, so
 * the migration filled ASCII names only). Bounded per call; once all are filled this is one empty
 * read of a partial index. Returns how many keys were written.
 */
export async function fillSearchKeys(deps: AppDeps, max = 2_000): Promise<number> {
  let done = 0;
  while (done < max) {
    const rows = await certificatesWithoutSearchKey(deps.store, Math.min(200, max - done));
    if (!rows.length) break;
    await runBatch(
      deps.store,
      rows.map((r) => searchKeyUpdate(deps.store, r.id, searchKey(r.recipient_name))),
    );
    done += rows.length;
  }
  return done;
}

/** One page of certificates matching the query, newest first. */
export async function listCertificates(deps: AppDeps, query: CertificateQuery): Promise<CertificatePage> {
  if (query.filter.text?.nameKey) await fillSearchKeys(deps);
  // One row more than asked tells whether there is a next page without a count.
  const rows = await searchCertificates(deps.store, query.filter, query.after, query.limit + 1);
  const shown = rows.slice(0, query.limit);
  const last = shown[shown.length - 1];
  const page: CertificatePage = {
    items: shown.map((r) => summary(deps, r)),
    cursor: rows.length > query.limit && last ? encodeCursor({ issuedAt: last.issued_at, seq: last.seq }) : null,
  };
  if (query.count) page.total = await countCertificates(deps.store, query.filter);
  return page;
}

/** Every certificate matching `filter`, newest first, read EXPORT_PAGE rows at a time. */
export async function* allCertificates(deps: AppDeps, filter: CertificateFilter): AsyncGenerator<CertificateSummary> {
  if (filter.text?.nameKey) await fillSearchKeys(deps);
  let after: ListPosition | undefined;
  for (;;) {
    const rows = await searchCertificates(deps.store, filter, after, EXPORT_PAGE);
    for (const r of rows) yield summary(deps, r);
    const last = rows[rows.length - 1];
    if (rows.length < EXPORT_PAGE || !last) return;
    after = { issuedAt: last.issued_at, seq: last.seq };
  }
}

const CSV_COLUMNS = [
  "id",
  "url",
  "recipientName",
  "achievementId",
  "status",
  "statusReason",
  "statusChangedAt",
  "issuedAt",
  "validUntil",
  "keyId",
  "externalId",
  "batchId",
  "supersededBy",
  "supersedes",
] as const satisfies readonly (keyof CertificateSummary)[];

/**
 * Every match as a byte stream: CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read Hangul right,
 * every cell guarded against formula injection) or a JSON array. The first page is read before
 * the stream is returned, so a store failure is a 503, not a truncated file.
 */
export async function exportCertificates(
  deps: AppDeps,
  filter: CertificateFilter,
  format: "csv" | "json",
): Promise<ReadableStream<Uint8Array>> {
  const rows = allCertificates(deps, filter);
  const first = await rows.next();
  let n = 0;
  const text = (c: CertificateSummary) =>
    format === "csv" ? csvLine(CSV_COLUMNS.map((k) => c[k])) : `${n++ === 0 ? "" : ",\n"}${JSON.stringify(c)}`;
  let pending: IteratorResult<CertificateSummary> | null = first;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(utf8.encode(format === "csv" ? "\ufeff" + csvLine(CSV_COLUMNS) : "[\n"));
    },
    async pull(controller) {
      // One database page per pull at most: the stream is read as fast as the client takes it.
      let chunk = "";
      for (let i = 0; i < EXPORT_PAGE; i++) {
        const next: IteratorResult<CertificateSummary> = pending ?? (await rows.next());
        pending = null;
        if (next.done) {
          controller.enqueue(utf8.encode(chunk + (format === "json" ? "\n]\n" : "")));
          controller.close();
          return;
        }
        chunk += text(next.value);
      }
      controller.enqueue(utf8.encode(chunk));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/**
 * Records a bulk download of personal data (an export or a print pack) in the audit log: who,
 * what filter or batch, how many certificates.
 */
export async function auditDownload(
  deps: AppDeps,
  who: RequestActor,
  action: "certificates.export" | "certificates.print-pack",
  details: { filter?: CertificateFilter; batchId?: string; format?: string; certificates?: number },
): Promise<void> {
  const { emailIndex: _hashed, ...text } = details.filter?.text ?? { exact: undefined, nameKey: undefined };
  const filter = details.filter && { ...details.filter, text: details.filter.text ? text : undefined };
  await runBatch(deps.store, [
    auditInsert(deps.store, {
      ...who,
      action,
      target: details.batchId ?? null,
      at: deps.clock().toISOString(),
      after: { ...details, filter },
    }),
  ]);
}
