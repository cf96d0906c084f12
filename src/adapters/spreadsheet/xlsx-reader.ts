/**
 * The first sheet of an Excel `.xlsx` workbook as a table of text cells, read with
 * `read-excel-file` (its `universal` build: fflate + a SAX parser, no Node or DOM APIs, so it runs
 * in workerd). Rows keep their spreadsheet row numbers, so row errors name the line staff see.
 */
import { fail, ok, type Result } from "../../lib/result";
import { unzipSync } from "fflate";
import { readSheet } from "read-excel-file/universal";
import { CSV_LIMITS, type CsvRow, type ParsedCsv } from "../../domain/bulk/csv-reader";
import type { BulkFileError } from "../../domain/bulk/row-types";

/** Largest total of the workbook's uncompressed parts: a 5 MiB upload of XML never needs more. */
export const MAX_XLSX_UNCOMPRESSED = 64 * 1024 * 1024;

/** "PK\x03\x04": every .xlsx is a ZIP (ECMA-376 Part 2, Open Packaging Conventions). */
const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** A cell as text: dates as ISO dates (or date-times when they have a time), numbers as written. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return "";
    const iso = v.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(/\.000Z$/, "Z");
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v).trim();
}

const unreadable = (message: string) => fail<BulkFileError>({ code: "ERR_XLSX_UNREADABLE", message });

/** Reads the first sheet; the first non-empty row is the header, as for CSV. Never throws. */
export async function readFirstSheet(
  bytes: Uint8Array,
  maxRows: number = CSV_LIMITS.maxRows,
): Promise<Result<ParsedCsv, BulkFileError>> {
  if (!isZip(bytes)) return unreadable("The file is not an Excel workbook (.xlsx). Save it as .xlsx or CSV UTF-8.");
  // Sizes from the ZIP directory, before anything is inflated: a small file must not expand into
  // more memory than a Worker has (a "ZIP bomb").
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        declared += f.originalSize;
        return false;
      },
    });
  } catch {
    return unreadable("The workbook is damaged (its ZIP structure cannot be read).");
  }
  if (declared > MAX_XLSX_UNCOMPRESSED)
    return unreadable(`The workbook expands to more than ${MAX_XLSX_UNCOMPRESSED / 1024 / 1024} MiB; split it.`);
  let sheet: unknown[][];
  try {
    const copy = bytes.slice().buffer as ArrayBuffer;
    sheet = (await readSheet(copy, 1)) as unknown[][];
  } catch (e) {
    const what = e instanceof Error ? e.message : String(e);
    return unreadable(`The workbook could not be read (${what.slice(0, 200)}).`);
  }
  let header: CsvRow | undefined;
  const rows: CsvRow[] = [];
  for (const [i, cells] of sheet.entries()) {
    const fields = cells.map(cellText);
    while (fields.length && fields[fields.length - 1] === "") fields.pop();
    if (fields.length === 0) continue;
    if (!header) {
      header = { line: i + 1, fields };
      continue;
    }
    if (rows.length >= maxRows)
      return fail({ code: "ERR_CSV_TOO_MANY_ROWS", message: `The sheet has more than ${maxRows} data rows.` });
    rows.push({ line: i + 1, fields });
  }
  if (!header) return fail({ code: "ERR_CSV_EMPTY", message: "The first sheet is empty: it needs a header row." });
  // Rows as wide as the header: spreadsheets leave trailing empty cells out.
  const width = header.fields.length;
  for (const r of rows) while (r.fields.length < width) r.fields.push("");
  return ok({ header: header.fields, headerLine: header.line, rows });
}
