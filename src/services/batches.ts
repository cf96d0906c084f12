/**
 * Bulk issuance. An upload is validated row by row and stored as a batch of pending rows; the
 * signing is then done in bounded chunks (`processBatch`, at most CHUNK rows per request) so that
 * no single Worker invocation exceeds the CPU limit. The CLI drives the chunks; each row's
 * external id is UNIQUE among certificates, so re-uploads and concurrent uploads issue nothing
 * twice.
 */
import { csvCell } from "../lib/csv-cell";
import { base64urlEncode } from "../lib/encoding";
import { listAchievements } from "../adapters/storage/achievement-repository";
import { auditInsert, auditInsertIfChanged } from "../adapters/storage/audit-repository";
import {
  batchInsert,
  batchRowCounts,
  batchRowInserts,
  findBatch,
  listBatchRows,
  pendingBatchRows,
  settleBatchRow,
} from "../adapters/storage/batch-repository";
import { certificateInsertOrIgnore, certificatesByExternalId } from "../adapters/storage/certificate-repository";
import { runBatch, type BatchRowTable } from "../adapters/storage/database";
import type { SealedEmail } from "../adapters/crypto/email-vault";
import type { CertificateRow as CsvRow, MappedRows } from "../domain/bulk/row-types";
import { certificateUrl } from "../domain/credential";
import type { AppDeps } from "./context";
export { csvCell };
import { notifyCertificates } from "./batch-deliveries";
import type { RequestActor } from "./issue-certificate";
import { prepareCertificate } from "./sign-certificate";
import { allocateSlots } from "./status-slots";
import { requestPdfRenders } from "./pdf-render-requests";

/** Rows signed per processing request: ~1 ms of CPU each, well inside Workers' limits. */
export const CHUNK = 100;
/** Statements per D1 batch call. */
const STATEMENTS_PER_BATCH = 200;

async function runInBatches(deps: AppDeps, queries: Parameters<typeof runBatch>[1]) {
  for (let i = 0; i < queries.length; i += STATEMENTS_PER_BATCH)
    await runBatch(deps.store, queries.slice(i, i + STATEMENTS_PER_BATCH));
}

/** Stores a new batch: one row per input line, pending or failed. Returns its id. */
export async function createBatch(
  deps: AppDeps,
  source: "csv" | "json" | "xlsx",
  rows: MappedRows,
  who: RequestActor,
  notify = false,
): Promise<string> {
  const id = base64urlEncode(deps.random(12));
  const at = deps.clock().toISOString();
  const vault = await deps.vault();
  // A pending row keeps the address only sealed (context batch:<id>:<line>) until it is signed.
  const payloads = await Promise.all(
    rows.valid.map(async ({ email, ...r }) =>
      JSON.stringify({ ...r, emailSealed: await vault.seal(email, `batch:${id}:${r.line}`) }),
    ),
  );
  const records: BatchRowTable[] = [
    ...rows.valid.map((r, i) => ({
      batch_id: id,
      line: r.line,
      external_id: r.externalId,
      payload: payloads[i]!,
      state: "pending" as const,
      certificate_id: null,
      error: null,
    })),
    ...rows.errors.map((e) => ({
      batch_id: id,
      line: e.line,
      external_id: null,
      payload: null,
      state: "failed" as const,
      certificate_id: null,
      error: JSON.stringify([{ field: e.field, message: e.message }]),
    })),
  ];
  // A line can carry several errors: keep one row per line, merging messages.
  const byLine = new Map<number, BatchRowTable>();
  for (const r of records) {
    const prev = byLine.get(r.line);
    if (prev && prev.error && r.error) prev.error = JSON.stringify([...JSON.parse(prev.error), ...JSON.parse(r.error)]);
    else if (!prev) byLine.set(r.line, r);
  }
  const all = [...byLine.values()];
  await runInBatches(deps, batchRowInserts(deps.store, all));
  // The header goes last: a batch is visible only once all its rows are stored.
  await runBatch(deps.store, [
    batchInsert(deps.store, {
      id,
      created_at: at,
      created_by: who.actor,
      source,
      total: all.length,
      invalid: all.filter((r) => r.state === "failed").length,
      notify: notify ? 1 : 0,
    }),
    auditInsert(deps.store, {
      ...who,
      action: "batch.create",
      target: id,
      at,
      after: { source, rows: all.length, invalid: all.filter((r) => r.state === "failed").length, notify },
    }),
  ]);
  return id;
}

/** A pending row's payload with its address opened (rows stored before sealing carry it in clear). */
async function openPayload(deps: AppDeps, batchId: string, line: number, payload: string): Promise<CsvRow> {
  const row = JSON.parse(payload) as CsvRow & { emailSealed?: SealedEmail };
  if (!row.emailSealed) return row;
  const { emailSealed, ...rest } = row;
  return { ...rest, email: await (await deps.vault()).open(emailSealed, `batch:${batchId}:${line}`) };
}

/** Signs and stores up to `limit` pending rows of a batch. Returns how many rows were settled. */
export async function processBatch(deps: AppDeps, batchId: string, who: RequestActor, limit = CHUNK): Promise<number> {
  const pending = await pendingBatchRows(deps.store, batchId, limit);
  if (!pending.length) return 0;
  const achievements = new Map((await listAchievements(deps.store)).map((a) => [a.id, a]));
  const externalIds = pending.map((r) => r.external_id!);
  const existing = await certificatesByExternalId(deps.store, externalIds);
  const toSign = pending.filter((r) => !existing.has(r.external_id!));
  const slots = await allocateSlots(deps, toSign.length);
  const now = deps.clock();
  const at = now.toISOString();
  const prepared = await Promise.all(
    toSign.map(async (r, i) => {
      const row = await openPayload(deps, batchId, r.line, r.payload!);
      const achievement = achievements.get(row.achievementId);
      if (!achievement) return { line: r.line, error: `achievementId: no achievement "${row.achievementId}"` };
      const cert = await prepareCertificate(deps, {
        achievement,
        name: row.name,
        email: row.email,
        validUntil: row.validUntil,
        language: row.language,
        slot: slots[i]!,
        now,
        externalId: row.externalId,
        batchId,
      });
      return { line: r.line, cert };
    }),
  );
  const writes = [];
  for (const p of prepared) {
    if (!("cert" in p) || !p.cert) continue;
    writes.push(
      certificateInsertOrIgnore(deps.store, p.cert),
      auditInsertIfChanged(deps.store, {
        ...who,
        action: "certificate.issue",
        target: p.cert.id,
        at,
        after: { batchId, line: p.line, externalId: p.cert.external_id },
      }),
    );
  }
  await runInBatches(deps, writes);
  // Read back: a row is issued by us, already issued elsewhere, or (lost a slot race) still pending.
  const stored = await certificatesByExternalId(deps.store, externalIds);
  const updates = [];
  const settledCertificates: string[] = [];
  let settled = 0;
  for (const r of pending) {
    const failure = prepared.find((p) => p.line === r.line && "error" in p);
    const cert = stored.get(r.external_id!);
    const state = failure ? "failed" : !cert ? null : cert.batch_id === batchId ? "issued" : "existing";
    if (!state) continue;
    settled++;
    if (cert && state !== "failed") settledCertificates.push(cert.id);
    updates.push(
      settleBatchRow(deps.store, batchId, r.line, {
        state,
        certificate_id: cert?.id ?? null,
        error:
          failure && "error" in failure ? JSON.stringify([{ field: "achievementId", message: failure.error }]) : null,
      }),
    );
  }
  await runInBatches(deps, updates);
  await requestPdfRenders(
    deps,
    pending.flatMap((r) => {
      const cert = stored.get(r.external_id!);
      return cert && cert.batch_id === batchId ? [cert.id] : [];
    }),
  );
  // After the rows are settled, so that a failed enqueue leaves a consistent batch: sending the
  // batch again (POST /admin/batches/{id}/send) picks up whatever is missing.
  if ((await findBatch(deps.store, batchId))?.notify) await notifyCertificates(deps, settledCertificates, who);
  return settled;
}

/** Whether a batch with this id has its header (one read by primary key, no rows counted). */
export async function batchExists(deps: AppDeps, batchId: string): Promise<boolean> {
  return (await findBatch(deps.store, batchId)) !== undefined;
}

/**
 * Progress of a batch (header and counts per state), or undefined: two indexed reads whatever the
 * batch's size, for the answers that do not list the rows (upload, each chunk).
 */
export async function batchProgress(deps: AppDeps, batchId: string) {
  const batch = await findBatch(deps.store, batchId);
  if (!batch) return undefined;
  const counts = noCounts();
  for (const { state, n } of await batchRowCounts(deps.store, batchId)) counts[state] = Number(n);
  return progressOf(batch, counts);
}

/** Rows per state, every state at zero (filled by the caller). */
const noCounts = (): Record<BatchRowTable["state"], number> => ({ pending: 0, issued: 0, existing: 0, failed: 0 });

function progressOf(
  batch: NonNullable<Awaited<ReturnType<typeof findBatch>>>,
  counts: Record<BatchRowTable["state"], number>,
) {
  return {
    id: batch.id,
    createdAt: batch.created_at,
    createdBy: batch.created_by,
    source: batch.source,
    notify: batch.notify === 1,
    total: batch.total,
    counts,
    done: counts.pending === 0,
  };
}

/** Progress and per-row results of a batch, or undefined. */
export async function batchReport(deps: AppDeps, batchId: string) {
  const batch = await findBatch(deps.store, batchId);
  if (!batch) return undefined;
  const rows = await listBatchRows(deps.store, batchId);
  const counts = noCounts();
  for (const r of rows) counts[r.state]++;
  return {
    ...progressOf(batch, counts),
    rows: rows.map((r) => ({
      line: r.line,
      externalId: r.external_id,
      state: r.state,
      certificateId: r.certificate_id,
      url: r.certificate_id ? certificateUrl(deps.config.baseUrl, r.certificate_id) : null,
      errors: r.error ? (JSON.parse(r.error) as { field: string | null; message: string }[]) : [],
    })),
  };
}

/** The report as CSV (RFC 4180), safe to open in a spreadsheet. */
export function reportCsv(report: NonNullable<Awaited<ReturnType<typeof batchReport>>>): string {
  const lines = ["line,externalId,state,certificateId,url,errors"];
  for (const r of report.rows)
    lines.push(
      [
        r.line,
        r.externalId,
        r.state,
        r.certificateId,
        r.url,
        r.errors.map((e) => `${e.field ?? "row"}: ${e.message}`).join("; "),
      ]
        .map(csvCell)
        .join(","),
    );
  return lines.join("\r\n") + "\r\n";
}
