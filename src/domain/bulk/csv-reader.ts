/**
 * RFC 4180 CSV reading for bulk certificate issuance. Structural problems (encoding, quoting,
 * size) reject the whole file; certificate-rows.ts then checks the rows. Never throws.
 */
import { fail, ok, type Result } from "../../lib/result";
import { decodeUtf8 } from "./utf8-text";

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
export function parseCsv(bytes: Uint8Array, opts: ParseCsvOptions = {}): Result<ParsedCsv, CsvFileError> {
  const maxBytes = opts.maxBytes ?? CSV_LIMITS.maxBytes;
  const maxRows = opts.maxRows ?? CSV_LIMITS.maxRows;
  const maxFieldLength = opts.maxFieldLength ?? CSV_LIMITS.maxFieldLength;
  if (bytes.length > maxBytes) {
    return failWith("ERR_CSV_TOO_LARGE", `The file is larger than ${formatBytes(maxBytes)}.`);
  }
  const text = decodeUtf8(bytes);
  if (typeof text !== "string") {
    const message = 'The file is not valid UTF-8. Save it as "CSV UTF-8" and upload it again.';
    return failWith("ERR_CSV_ENCODING", message, text.badLine ?? undefined);
  }

  const records = new RecordReader(text, maxFieldLength);
  let header: CsvRow | undefined;
  const rows: CsvRow[] = [];
  for (;;) {
    const record = records.next();
    if (record === null) break;
    if ("code" in record) return fail(record);
    if (record.fields.every((f) => f === "")) continue;
    if (header === undefined) {
      header = record;
      continue;
    }
    if (rows.length >= maxRows) {
      return failWith("ERR_CSV_TOO_MANY_ROWS", `The file has more than ${maxRows} data rows.`, record.line);
    }
    rows.push(record);
  }
  if (header === undefined) return failWith("ERR_CSV_EMPTY", "The file is empty: it needs a header row.");
  return ok({ header: header.fields, headerLine: header.line, rows });
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

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

function err(code: CsvErrorCode, message: string, line?: number): CsvFileError {
  return line === undefined ? { code, message } : { code, message, line };
}

function failWith(code: CsvErrorCode, message: string, line?: number): Result<never, CsvFileError> {
  return fail(err(code, message, line));
}
