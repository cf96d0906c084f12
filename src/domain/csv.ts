/**
 * RFC 4180 CSV parsing for bulk certificate issuance. Structural problems (encoding, quoting,
 * size) reject the whole file; then `mapCertificateRows` / `parseJsonRows` check certificate rows. Never throws.
 */

/** Why a whole CSV file was rejected. */
export type CsvErrorCode =
  | "ERR_CSV_TOO_LARGE"
  | "ERR_CSV_ENCODING"
  | "ERR_CSV_EMPTY"
  | "ERR_CSV_MALFORMED"
  | "ERR_CSV_UNTERMINATED_QUOTE"
  | "ERR_CSV_FIELD_TOO_LONG"
  | "ERR_CSV_TOO_MANY_ROWS";

/** A whole-file error; `line` is 1-based and present when one line is to blame. */
export interface CsvFileError<Code extends string = CsvErrorCode> {
  code: Code;
  message: string;
  line?: number;
}

/** One data record and the physical line (1-based) where it starts. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** A parsed file: the header record and the data records, in order. */
export interface ParsedCsv {
  header: string[];
  /** 1-based physical line of the header record. */
  headerLine: number;
  rows: CsvRow[];
}

/** Limits for {@link parseCsv}. */
export interface ParseCsvOptions {
  /** Largest file in bytes. Default 5 MiB. */
  maxBytes?: number;
  /** Most data rows (header and blank records not counted). Default 10,000. */
  maxRows?: number;
  /** Longest field in UTF-16 code units. Default 2,000. */
  maxFieldLength?: number;
}

/** Default limits of {@link parseCsv}. */
export const CSV_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 10_000, maxFieldLength: 2_000 } as const;

/**
 * Parses a CSV file (RFC 4180) given as raw bytes.
 *
 * - Encoding: strict UTF-8, with or without BOM; invalid bytes reject the file (`ERR_CSV_ENCODING`,
 *   naming the first bad line) rather than being silently replaced by U+FFFD.
 * - Records end at CRLF, LF or a lone CR. Quoted fields may hold commas, `""` and line breaks,
 *   which are kept as written. Each row's `line` is the physical line where its record starts.
 * - Strict quoting (RFC 4180 §2.5–2.7): a `"` inside an unquoted field, or anything but a comma or
 *   line break after a closing quote, is `ERR_CSV_MALFORMED`, since it usually means the columns
 *   have shifted.
 * - Records whose fields are all empty (an empty line, or `,,,` as spreadsheets export) are
 *   skipped anywhere in the file; the first other record is the header.
 * - A field over `maxFieldLength` rejects the whole file (`ERR_CSV_FIELD_TOO_LONG` with the line):
 *   no certificate column allows more than 254 characters, so such a field means a broken file
 *   (typically a stray quote that swallowed following lines), not one bad row.
 */
export function parseCsv(bytes: Uint8Array, opts: ParseCsvOptions = {}): ParsedCsv | { error: CsvFileError } {
  const maxBytes = opts.maxBytes ?? CSV_LIMITS.maxBytes;
  const maxRows = opts.maxRows ?? CSV_LIMITS.maxRows;
  const maxFieldLength = opts.maxFieldLength ?? CSV_LIMITS.maxFieldLength;
  if (bytes.length > maxBytes) {
    return fail("ERR_CSV_TOO_LARGE", `The file is larger than ${formatBytes(maxBytes)}.`);
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== "string") return { error: text };

  const records = new RecordReader(text, maxFieldLength);
  let header: CsvRow | undefined;
  const rows: CsvRow[] = [];
  for (;;) {
    const record = records.next();
    if (record === null) break;
    if ("code" in record) return { error: record };
    if (record.fields.every((f) => f === "")) continue;
    if (header === undefined) {
      header = record;
      continue;
    }
    if (rows.length >= maxRows) {
      return fail("ERR_CSV_TOO_MANY_ROWS", `The file has more than ${maxRows} data rows.`, record.line);
    }
    rows.push(record);
  }
  if (header === undefined) return fail("ERR_CSV_EMPTY", "The file is empty: it needs a header row.");
  return { header: header.fields, headerLine: header.line, rows };
}

/** Reads one record at a time, tracking physical line numbers. */
class RecordReader {
  private i = 0;
  private line = 1;

  constructor(
    private readonly text: string,
    private readonly maxFieldLength: number,
  ) {}

  /** The next record, a whole-file error, or null at end of input. */
  next(): CsvRow | CsvFileError | null {
    const { text } = this;
    if (this.i >= text.length) return null;
    const start = this.line;
    const fields: string[] = [];
    for (;;) {
      const field = text.charCodeAt(this.i) === QUOTE ? this.quoted(start) : this.unquoted();
      if (typeof field !== "string") return field;
      if (field.length > this.maxFieldLength) {
        return err("ERR_CSV_FIELD_TOO_LONG", `A field is longer than ${this.maxFieldLength} characters.`, start);
      }
      fields.push(field);
      const c = text.charCodeAt(this.i);
      if (c === COMMA) {
        this.i++;
        continue;
      }
      // End of record: CRLF, LF, lone CR, or end of input (NaN).
      if (c === CR && text.charCodeAt(this.i + 1) === LF) this.i += 2;
      else if (c === CR || c === LF) this.i++;
      if (c === CR || c === LF) this.line++;
      return { line: start, fields };
    }
  }

  private unquoted(): string | CsvFileError {
    const { text } = this;
    const from = this.i;
    for (; this.i < text.length; this.i++) {
      const c = text.charCodeAt(this.i);
      if (c === COMMA || c === CR || c === LF) break;
      if (c === QUOTE) {
        return err(
          "ERR_CSV_MALFORMED",
          'A field contains a quote (") but does not start with one. Put the whole field in quotes and double the quotes inside it ("").',
          this.line,
        );
      }
    }
    return text.slice(from, this.i);
  }

  private quoted(recordLine: number): string | CsvFileError {
    const { text } = this;
    const openedOn = this.line;
    let value = "";
    let from = this.i + 1;
    for (;;) {
      const close = text.indexOf('"', from);
      if (close < 0) {
        const where = openedOn === recordLine ? "" : ` (the quote opens on line ${openedOn})`;
        return err("ERR_CSV_UNTERMINATED_QUOTE", `A quoted field is never closed${where}.`, recordLine);
      }
      this.line += countLineBreaks(text, from, close);
      value += text.slice(from, close);
      if (value.length > this.maxFieldLength) {
        return err("ERR_CSV_FIELD_TOO_LONG", `A field is longer than ${this.maxFieldLength} characters.`, recordLine);
      }
      if (text.charCodeAt(close + 1) === QUOTE) {
        value += '"';
        from = close + 2;
        continue;
      }
      this.i = close + 1;
      const next = text.charCodeAt(this.i);
      if (this.i < text.length && next !== COMMA && next !== CR && next !== LF) {
        return err(
          "ERR_CSV_MALFORMED",
          'Unexpected text after a closing quote. A quote inside a quoted field must be doubled ("").',
          this.line,
        );
      }
      return value;
    }
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Line breaks in text[from, to): CRLF and lone CR or LF each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/** Strict UTF-8 decoding (BOM dropped); on failure, names the first line holding invalid bytes. */
function decodeUtf8(bytes: Uint8Array): string | CsvFileError {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // LF (0x0A) never occurs inside a multi-byte UTF-8 sequence, so lines can be checked one by one.
    const line = firstBadLine(bytes);
    return err(
      "ERR_CSV_ENCODING",
      'The file is not valid UTF-8. Save it as "CSV UTF-8" and upload it again.',
      line === null ? undefined : line,
    );
  }
}

function firstBadLine(bytes: Uint8Array): number | null {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let line = 1;
  let from = 0;
  while (from <= bytes.length) {
    let to = bytes.indexOf(LF, from);
    if (to < 0) to = bytes.length;
    try {
      decoder.decode(bytes.subarray(from, to));
    } catch {
      return line;
    }
    line++;
    from = to + 1;
  }
  return null;
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

function err(code: CsvErrorCode, message: string, line?: number): CsvFileError {
  return line === undefined ? { code, message } : { code, message, line };
}

function fail(code: CsvErrorCode, message: string, line?: number): { error: CsvFileError } {
  return { error: err(code, message, line) };
}

/* ---------------------------------------------------------------------------------------------- */
/* Certificate rows: column mapping (CSV) and shape checks (JSON), then the same per-row checks.  */
/* ---------------------------------------------------------------------------------------------- */

/** Columns of a bulk-issuance row, as spelled in JSON; CSV headers match them case-insensitively. */
export type CertificateField = "name" | "email" | "achievementId" | "externalId" | "validUntil" | "language";

const REQUIRED: readonly CertificateField[] = ["name", "email", "achievementId", "externalId"];
const FIELDS: readonly CertificateField[] = [...REQUIRED, "validUntil", "language"];

/** Why a whole bulk request (CSV or JSON) was rejected, so that nothing is written. */
export type BulkFileErrorCode =
  | CsvErrorCode
  | "ERR_CSV_MISSING_COLUMN"
  | "ERR_CSV_UNKNOWN_COLUMN"
  | "ERR_CSV_DUPLICATE_COLUMN"
  | "ERR_CSV_NO_ROWS"
  | "ERR_ROWS_INVALID"
  | "ERR_ROWS_EMPTY"
  | "ERR_ROWS_TOO_MANY";

/** A whole-request error; `columns` names the offending columns or properties when there are some. */
export interface BulkFileError extends CsvFileError<BulkFileErrorCode> {
  columns?: string[];
}

/** A row that passed every check; values are trimmed (name also NFC-normalised). */
export interface CertificateRow {
  /** CSV: physical line where the record starts. JSON: 1-based index in `rows`. */
  line: number;
  externalId: string;
  name: string;
  email: string;
  achievementId: string;
  /** Normalised to UTC, e.g. `2027-06-30T23:59:59Z`. */
  validUntil?: string;
  /** The participant's language for messages (`en` or `ko`; absent means `en`). */
  language?: "en" | "ko";
}

/** One problem with one row; `field` is null when the row as a whole is wrong (e.g. field count). */
export interface RowError {
  line: number;
  field: string | null;
  message: string;
}

/** Valid rows and row errors, each in input order. A row is valid only when it has no error. */
export interface MappedRows {
  valid: CertificateRow[];
  errors: RowError[];
}

/** A field problem found by the request schema (`schemas/certificate-row.json`). */
export interface RowFieldError {
  field: string;
  message: string;
}

/** Context for the per-row checks. */
export interface MapRowsOptions {
  /**
   * Validates one row object against `schemas/certificate-row.json`, the same field definitions
   * single issuance uses (passed in so the domain stays free of the validator).
   */
  validateRow: (row: Record<string, string>) => RowFieldError[];
  /** The clock reading `validUntil` must be after. */
  now: Date;
  /** When given, an `achievementId` outside this set is a row error. */
  knownAchievementIds?: ReadonlySet<string>;
}

/** Limits for {@link parseJsonRows}. */
export interface JsonRowsOptions extends MapRowsOptions {
  /** Most rows. Default 10,000, as for CSV. */
  maxRows?: number;
}

/**
 * Maps a parsed CSV to certificate rows. Header names are trimmed and matched case-insensitively.
 * A missing required column, an unknown or unnamed extra column (strict, so no data is silently
 * dropped) or a repeated column rejects the whole file. Then every row is checked; see
 * {@link parseJsonRows} for the checks, which are the same.
 */
export function mapCertificateRows(parsed: ParsedCsv, opts: MapRowsOptions): MappedRows | { error: BulkFileError } {
  const columns = mapHeader(parsed.header, parsed.headerLine);
  if ("error" in columns) return columns;
  if (parsed.rows.length === 0) {
    return { error: { code: "ERR_CSV_NO_ROWS", message: "The file has a header row but no data rows." } };
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
    columns.forEach((field, i) => (raw[field] = row.fields[i]));
    checker.check(row.line, raw, []);
  }
  return checker.result();
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
export function parseJsonRows(value: unknown, opts: JsonRowsOptions): MappedRows | { error: BulkFileError } {
  const maxRows = opts.maxRows ?? CSV_LIMITS.maxRows;
  if (!isPlainObject(value) || !Array.isArray(value["rows"])) {
    return { error: { code: "ERR_ROWS_INVALID", message: "The body must be an object { rows: [...] }." } };
  }
  const extra = Object.keys(value).filter((k) => k !== "rows");
  if (extra.length > 0) {
    return {
      error: { code: "ERR_ROWS_INVALID", message: `Unknown properties: ${extra.join(", ")}.`, columns: extra },
    };
  }
  const rows: unknown[] = value["rows"];
  if (rows.length === 0) return { error: { code: "ERR_ROWS_EMPTY", message: "rows is empty." } };
  if (rows.length > maxRows) {
    return { error: { code: "ERR_ROWS_TOO_MANY", message: `rows has more than ${maxRows} entries.` } };
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
  return checker.result();
}

/** Matches header cells to fields: the field for each column, or a whole-file error. */
function mapHeader(header: string[], headerLine: number): CertificateField[] | { error: BulkFileError } {
  const byKey = new Map(FIELDS.map((f) => [f.toLowerCase(), f] as const));
  const columns: CertificateField[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  header.forEach((cell, i) => {
    const name = cell.trim();
    const field = byKey.get(name.toLowerCase());
    if (field === undefined) unknown.push(name === "" ? `(unnamed column ${i + 1})` : name);
    else if (columns.includes(field)) duplicate.push(field);
    else columns.push(field);
  });
  const missing = REQUIRED.filter((f) => !columns.includes(f));
  const line = headerLine;
  if (missing.length > 0) {
    const also = unknown.length > 0 ? ` Unknown columns: ${unknown.join(", ")}.` : "";
    const message = `Missing required column${plural(missing)}: ${missing.join(", ")}.${also}`;
    return { error: { code: "ERR_CSV_MISSING_COLUMN", message, line, columns: missing } };
  }
  if (unknown.length > 0) {
    const message = `Unknown column${plural(unknown)}: ${unknown.join(", ")}. Allowed: ${FIELDS.join(", ")}.`;
    return { error: { code: "ERR_CSV_UNKNOWN_COLUMN", message, line, columns: unknown } };
  }
  if (duplicate.length > 0) {
    const message = `Column${plural(duplicate)} appearing more than once: ${duplicate.join(", ")}.`;
    return { error: { code: "ERR_CSV_DUPLICATE_COLUMN", message, line, columns: duplicate } };
  }
  // Every header cell matched a distinct field, so `columns` lines up with the cells.
  return columns;
}

/**
 * Per-row checks shared by CSV and JSON: the schema's field checks, then what a schema cannot say
 * (catalogue membership, duplicates in the request, validUntil after now). Remembers externalIds.
 */
class BatchRowCollector {
  private readonly valid: CertificateRow[] = [];
  private readonly errors: RowError[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly opts: MapRowsOptions,
    private readonly unit: "line" | "row",
  ) {}

  rowError(line: number, field: string | null, message: string): void {
    this.errors.push({ line, field, message });
  }

  check(line: number, raw: Partial<Record<CertificateField, string>>, shapeErrors: RowError[]): void {
    const errors = [...shapeErrors];
    // Values are trimmed (spreadsheet cells often carry spaces); the name is NFC-normalised.
    const value: Record<string, string> = {};
    for (const f of FIELDS) {
      const v = (raw[f] ?? "").trim();
      if (v !== "" && !shapeErrors.some((e) => e.field === f))
        value[f] = f === "name" ? v.normalize("NFC") : f === "language" ? v.toLowerCase() : v;
    }
    for (const f of REQUIRED)
      if (value[f] === undefined && !shapeErrors.some((e) => e.field === f))
        errors.push({ line, field: f, message: `${f} is required.` });
    const failed = (f: string) => errors.some((e) => e.field === f);
    // One message per field: the first the schema reports.
    for (const e of this.opts.validateRow(value))
      if (e.message !== "is required" && !failed(e.field))
        errors.push({ line, field: e.field, message: `${e.field} ${e.message}.` });

    const { name, email, achievementId, externalId } = value as Record<CertificateField, string>;
    if (!failed("achievementId") && this.opts.knownAchievementIds && !this.opts.knownAchievementIds.has(achievementId))
      errors.push({ line, field: "achievementId", message: `Unknown achievement "${achievementId}".` });
    if (!failed("externalId")) {
      const earlier = this.seen.get(externalId);
      if (earlier !== undefined)
        errors.push({
          line,
          field: "externalId",
          message: `externalId "${externalId}" is already used on ${this.unit} ${earlier}.`,
        });
      else this.seen.set(externalId, line);
    }
    let validUntil: string | undefined;
    if (value.validUntil !== undefined && !failed("validUntil")) {
      const parsed = parseValidUntil(value.validUntil);
      if (parsed === null)
        errors.push({ line, field: "validUntil", message: "validUntil is not a real date or time." });
      else if (Date.parse(parsed) <= this.opts.now.getTime())
        errors.push({ line, field: "validUntil", message: "validUntil must be in the future." });
      else validUntil = parsed;
    }

    if (errors.length > 0) {
      this.errors.push(...errors);
      return;
    }
    const row: CertificateRow = { line, externalId, name, email, achievementId };
    if (validUntil) row.validUntil = validUntil;
    if (value.language) row.language = value.language as "en" | "ko";
    this.valid.push(row);
  }

  result(): MappedRows {
    return { valid: this.valid, errors: this.errors };
  }
}

/** 2^32 s after the Unix epoch (2106-02-07T06:28:16Z): the first instant the QR token cannot state. */
export const MAX_TOKEN_TIME_MS = 2 ** 32 * 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses `validUntil` to a UTC ISO string, or null when invalid. A time zone is required, as VC 2.0
 * `validUntil` is an xsd:dateTimeStamp; a bare date means the end of that day in UTC.
 */
export function parseValidUntil(text: string): string | null {
  const d = DATE.exec(text);
  if (d)
    return isRealDate(+d[1]!, +d[2]!, +d[3]!) && Date.parse(`${text}T23:59:59Z`) < MAX_TOKEN_TIME_MS
      ? `${text}T23:59:59Z`
      : null;
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  const zone = m[8]!;
  if (zone !== "Z") {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  // The QR token carries dates as uint32 Unix seconds (README, "The QR code"): later dates cannot be
  // stated there, and years past 9999 are not xsd:dateTime. Both are refused, not wrapped.
  if (Number.isNaN(date.getTime()) || date.getTime() >= MAX_TOKEN_TIME_MS) return null;
  return date.toISOString().replace(".000Z", "Z");
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // month length in a leap year
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && !leap ? 28 : days);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function plural(list: readonly unknown[]): string {
  return list.length === 1 ? "" : "s";
}
