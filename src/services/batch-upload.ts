/**
 * Reading a cohort upload (CSV, Excel .xlsx or JSON rows) into checked certificate rows, with the
 * column mapping and the per-row problems staff see in the preview before anything is signed.
 * Rows are checked by the same JSON Schema as single issuance (schemas/certificate-row.json).
 */
import type { Result } from "../lib/result";
import { sha256 } from "@noble/hashes/sha2.js";
import { base64urlEncode, utf8 } from "../lib/encoding";
import { normaliseEmail, searchKey } from "../lib/search-key";
import { listAchievements } from "../adapters/storage/achievement-repository";
import { readFirstSheet } from "../adapters/spreadsheet/xlsx-reader";
import { validate } from "../adapters/validation/schemas";
import { mapCertificateRows, parseJsonRows } from "../domain/bulk/certificate-rows";
import { describeHeader, type ColumnMatch, type HeaderReport } from "../domain/bulk/column-mapping";
import { parseCsv, type ParsedCsv } from "../domain/bulk/csv-reader";
import type { BulkFileError, CertificateField, MapRowsOptions, MappedRows, RowError } from "../domain/bulk/row-types";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import { checkName } from "./issue-certificate";

/** An uploaded file or body. */
export type Upload =
  { kind: "csv"; bytes: Uint8Array } | { kind: "xlsx"; bytes: Uint8Array } | { kind: "json"; value: unknown };

/** How to read a file whose headers are not ours. */
export interface UploadOptions {
  /** Header → field, or null to leave the column out. */
  columnMapping?: Record<string, CertificateField | null>;
  /** The achievement of every row when the file has no achievement column. */
  achievementId?: string;
  /** The expiry of every row when the file has no validUntil column. */
  validUntil?: string;
}

/** A checked upload: rows ready to store as a batch, and the rows that cannot be issued. */
export interface CheckedUpload extends MappedRows {
  format: Upload["kind"];
  /** How the header was read (tables only). */
  header?: HeaderReport;
  /** The cells of each data row by field, as written (tables) or sent (JSON), for the preview. */
  cells: Map<number, Partial<Record<CertificateField, string>>>;
}

/**
 * The externalId of a row in a file without that column: from achievement and email, so that
 * uploading the same people again matches the same rows and issues nothing twice. Hashed, so no
 * email is stored in clear with the certificate.
 */
export function derivedExternalId(row: { achievementId: string; email: string }): string {
  const digest = sha256(utf8.encode(`wego-external-id\n${row.achievementId}\n${normaliseEmail(row.email)}`));
  return `auto-${base64urlEncode(digest.subarray(0, 16))}`;
}

async function rowOptions(deps: AppDeps, options: UploadOptions): Promise<MapRowsOptions> {
  const catalogue = await listAchievements(deps.store);
  const byName = new Map(catalogue.map((a) => [searchKey(a.name), a.id]));
  return {
    now: deps.clock(),
    knownAchievementIds: new Set(catalogue.map((a) => a.id)),
    validateRow: (row) => validate("certificate-row", row),
    columnMapping: options.columnMapping,
    defaults: { achievementId: options.achievementId, validUntil: options.validUntil },
    deriveExternalId: derivedExternalId,
    resolveAchievement: (cell) => byName.get(searchKey(cell)) ?? cell,
  };
}

function tableCells(parsed: ParsedCsv, columns: ColumnMatch[]): CheckedUpload["cells"] {
  const cells: CheckedUpload["cells"] = new Map();
  for (const row of parsed.rows) {
    const out: Partial<Record<CertificateField, string>> = {};
    for (const c of columns) if (c.field) out[c.field] = row.fields[c.column - 1] ?? "";
    cells.set(row.line, out);
  }
  return cells;
}

function jsonCells(value: unknown): CheckedUpload["cells"] {
  const rows = (value as { rows?: unknown })?.rows;
  const cells: CheckedUpload["cells"] = new Map();
  if (!Array.isArray(rows)) return cells;
  rows.forEach((r, i) => {
    const out: Partial<Record<CertificateField, string>> = {};
    if (r && typeof r === "object")
      for (const [k, v] of Object.entries(r)) if (typeof v === "string") out[k as CertificateField] = v;
    cells.set(i + 1, out);
  });
  return cells;
}

/**
 * Reads and checks an upload. A file that cannot be read as a whole (encoding, structure,
 * missing or unknown columns) is `{ fileError }`; otherwise every row is valid or has errors.
 */
export async function checkUpload(
  deps: AppDeps,
  upload: Upload,
  options: UploadOptions = {},
): Promise<CheckedUpload | { format: Upload["kind"]; fileError: BulkFileError; header?: HeaderReport }> {
  const opts = await rowOptions(deps, options);
  let mapped: Result<MappedRows, BulkFileError>;
  let header: HeaderReport | undefined;
  let cells: CheckedUpload["cells"];
  if (upload.kind === "json") {
    mapped = parseJsonRows(upload.value, opts);
    cells = jsonCells(upload.value);
  } else {
    const parsed = upload.kind === "csv" ? parseCsv(upload.bytes) : await readFirstSheet(upload.bytes);
    if (!parsed.ok) return { format: upload.kind, fileError: parsed.error };
    header = describeHeader(parsed.value.header, opts);
    mapped = mapCertificateRows(parsed.value, opts);
    cells = tableCells(parsed.value, header.columns);
  }
  if (!mapped.ok) return { format: upload.kind, fileError: mapped.error, header };
  // Names must also be printable on the PDF; such rows fail individually.
  const valid: MappedRows["valid"] = [];
  const errors: RowError[] = [...mapped.value.errors];
  for (const row of mapped.value.valid) {
    try {
      valid.push({ ...row, name: checkName(row.name, "name") });
    } catch (e) {
      const message = e instanceof AppError ? e.message.replace(/^name: /, "") : "invalid";
      errors.push({ line: row.line, field: "name", message });
    }
  }
  return { format: upload.kind, header, cells, valid, errors: errors.sort((a, b) => a.line - b.line) };
}

/** Reads an upload for issuing: a file-level problem is a 400 (nothing is written). */
export async function parseUpload(deps: AppDeps, upload: Upload, options: UploadOptions = {}): Promise<CheckedUpload> {
  const checked = await checkUpload(deps, upload, options);
  if ("fileError" in checked) {
    const e = checked.fileError;
    throw new AppError("ERR_BATCH_FILE", `${e.code}: ${e.message}`, {
      field: e.columns?.join(",") ?? (e.line ? `line ${e.line}` : "file"),
    });
  }
  return checked;
}
