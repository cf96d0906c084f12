/**
 * The preview of a cohort upload: every row with its values and problems (line, field, message),
 * the column mapping, and which rows were issued already, before anything is signed or stored.
 */
import { certificatesByExternalId } from "../adapters/storage/certificate-repository";
import type { ColumnMatch, HeaderReport } from "../domain/bulk/column-mapping";
import type { BulkFileError, CertificateField, RowError } from "../domain/bulk/row-types";
import type { AppDeps } from "./context";
import { checkUpload, type Upload, type UploadOptions } from "./batch-upload";

/** One row as the preview table shows it. */
export interface PreviewRow {
  line: number;
  /** Values as checked (valid rows: normalised, with a derived externalId) or as written. */
  values: Partial<Record<CertificateField, string>>;
  /** `ready`: will be issued; `issued`: a certificate exists for its externalId; `error`: see errors. */
  state: "ready" | "issued" | "error";
  errors: { field: string | null; message: string }[];
  certificateId?: string;
}

/** What staff see before issuing. `ready` is false when the file as a whole cannot be used. */
export interface UploadPreview {
  format: Upload["kind"];
  ready: boolean;
  fileError?: BulkFileError;
  columns?: ColumnMatch[];
  /** Required fields no column provides (map a column to them, or give a default). */
  missing?: CertificateField[];
  provided?: HeaderReport["provided"];
  counts: { total: number; ready: number; issued: number; error: number };
  rows: PreviewRow[];
  /** Every problem, flattened, in line order. */
  errors: RowError[];
}

/** Bound parameters per D1 statement are limited (100): look external ids up in slices. */
const LOOKUP_SLICE = 90;

/** Checks an upload and describes every row; writes nothing. */
export async function previewUpload(
  deps: AppDeps,
  upload: Upload,
  options: UploadOptions = {},
): Promise<UploadPreview> {
  const checked = await checkUpload(deps, upload, options);
  const counts = { total: 0, ready: 0, issued: 0, error: 0 };
  if ("fileError" in checked)
    return {
      format: checked.format,
      ready: false,
      fileError: checked.fileError,
      columns: checked.header?.columns,
      missing: checked.header?.missing,
      provided: checked.header?.provided,
      counts,
      rows: [],
      errors: [],
    };
  const existing = new Map<string, string>();
  const ids = checked.valid.map((r) => r.externalId);
  for (let i = 0; i < ids.length; i += LOOKUP_SLICE)
    for (const [ext, c] of await certificatesByExternalId(deps.store, ids.slice(i, i + LOOKUP_SLICE)))
      existing.set(ext, c.id);
  const rows = new Map<number, PreviewRow>();
  for (const r of checked.valid) {
    const { line, ...values } = r;
    const certificateId = existing.get(r.externalId);
    rows.set(line, { line, values, state: certificateId ? "issued" : "ready", errors: [], certificateId });
  }
  for (const e of checked.errors) {
    const row = rows.get(e.line) ?? {
      line: e.line,
      values: checked.cells.get(e.line) ?? {},
      state: "error",
      errors: [],
    };
    row.errors.push({ field: e.field, message: e.message });
    rows.set(e.line, row);
  }
  const list = [...rows.values()].sort((a, b) => a.line - b.line);
  for (const r of list) {
    counts.total++;
    counts[r.state]++;
  }
  return {
    format: checked.format,
    ready: true,
    columns: checked.header?.columns,
    missing: checked.header?.missing,
    provided: checked.header?.provided,
    counts,
    rows: list,
    errors: checked.errors,
  };
}
