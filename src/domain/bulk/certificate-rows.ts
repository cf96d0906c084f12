/**
 * Certificate rows from an upload: a parsed table (CSV or XLSX) through its header mapping, or a
 * JSON `{ rows }` body through its shape checks; then the same per-row checks (row-checks.ts).
 * Never throws.
 */
import { fail, ok, type Result } from "../../lib/result";
import { mapHeader } from "./column-mapping";
import { CSV_LIMITS, type ParsedCsv } from "./csv-reader";
import { BatchRowCollector } from "./row-checks";
import {
  FIELDS,
  type BulkFileError,
  type CertificateField,
  type MapRowsOptions,
  type MappedRows,
  type RowError,
} from "./row-types";

/** Limits for {@link parseJsonRows}. */
export interface JsonRowsOptions extends MapRowsOptions {
  /** Most rows. Default 10,000, as for CSV. */
  maxRows?: number;
}

/**
 * Maps a parsed table (CSV, or a spreadsheet's first sheet) to certificate rows. Header cells are
 * matched to fields by column-mapping.ts: a missing required column, an unknown or unnamed extra
 * column (strict, so no data is silently dropped) or a repeated column rejects the whole file.
 * Then every row is checked; see {@link parseJsonRows} for the checks, which are the same.
 */
export function mapCertificateRows(parsed: ParsedCsv, opts: MapRowsOptions): Result<MappedRows, BulkFileError> {
  const mapped = mapHeader(parsed.header, parsed.headerLine, opts);
  if (!mapped.ok) return mapped;
  const columns = mapped.value;
  if (parsed.rows.length === 0) {
    return fail({ code: "ERR_CSV_NO_ROWS", message: "The file has a header row but no data rows." });
  }
  const checker = new BatchRowCollector(opts, "line");
  for (const row of parsed.rows) {
    if (row.fields.length !== columns.length) {
      checker.rowError(
        row.line,
        null,
        `Line ${row.line} has ${row.fields.length} fields but the header has ${columns.length}.`,
      );
      continue;
    }
    const raw: Partial<Record<CertificateField, string>> = {};
    columns.forEach((field, i) => {
      if (field) raw[field] = row.fields[i];
    });
    checker.check(row.line, raw, []);
  }
  return ok(checker.result());
}

/**
 * Checks a JSON bulk request `{ rows: [{ name, email, achievementId, externalId, validUntil? }] }`.
 * The body must have exactly the `rows` property, holding 1 to `maxRows` rows. Per row (`line` is
 * the 1-based index, `field` the property name): properties other than those five are errors;
 * values must be strings (`validUntil` may also be null or absent) and are then checked:
 * - `name`: required, at most 200 characters, no control or bidi-override characters.
 * - `email`: required, at most 254 characters, `local@domain` with a dotted domain (Unicode letters allowed).
 * - `achievementId`: `/^[a-z0-9-]{1,64}$/`, and in `knownAchievementIds` when that is given.
 * - `externalId`: required, at most 128 characters, no control characters, unique in the request
 *   (the later row is the error, naming the earlier one).
 * - `validUntil`: a date-time with time zone (`2027-06-30T12:00:00Z`, `…+09:00`), or a date
 *   (`2027-06-30`) meaning the end of that day in UTC (`23:59:59Z`); must be after `now`.
 */
export function parseJsonRows(value: unknown, opts: JsonRowsOptions): Result<MappedRows, BulkFileError> {
  const maxRows = opts.maxRows ?? CSV_LIMITS.maxRows;
  if (!isPlainObject(value) || !Array.isArray(value["rows"])) {
    return fail({ code: "ERR_ROWS_INVALID", message: "The body must be an object { rows: [...] }." });
  }
  const extra = Object.keys(value).filter((k) => k !== "rows");
  if (extra.length > 0) {
    return fail({ code: "ERR_ROWS_INVALID", message: `Unknown properties: ${extra.join(", ")}.`, columns: extra });
  }
  const rows: unknown[] = value["rows"];
  if (rows.length === 0) return fail({ code: "ERR_ROWS_EMPTY", message: "rows is empty." });
  if (rows.length > maxRows) {
    return fail({ code: "ERR_ROWS_TOO_MANY", message: `rows has more than ${maxRows} entries.` });
  }
  const checker = new BatchRowCollector(opts, "row");
  rows.forEach((row, index) => {
    const line = index + 1;
    if (!isPlainObject(row)) return checker.rowError(line, null, `Row ${line} must be an object.`);
    const raw: Partial<Record<CertificateField, string>> = {};
    const shapeErrors: RowError[] = [];
    for (const key of Object.keys(row)) {
      const v = row[key];
      if (!(FIELDS as readonly string[]).includes(key)) {
        shapeErrors.push({ line, field: key, message: `Unknown property "${key}".` });
      } else if (typeof v === "string") {
        raw[key as CertificateField] = v;
      } else if (!((key === "validUntil" || key === "language") && v === null)) {
        shapeErrors.push({ line, field: key, message: `${key} must be a string.` });
      }
    }
    checker.check(line, raw, shapeErrors);
  });
  return ok(checker.result());
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
