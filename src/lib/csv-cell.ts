/**
 * A CSV cell that a spreadsheet shows as text: a cell starting with `=`, `+`, `-`, `@`, tab or CR
 * would be read as a formula (OWASP "CSV Injection"), so it gets a leading apostrophe; quoting as
 * RFC 4180 §2.6–2.7.
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? "" : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record (CRLF-terminated) of safe cells. */
export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}
