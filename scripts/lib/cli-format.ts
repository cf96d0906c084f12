/** Output helpers for the CLI: numbers, durations, tables and the batch progress bar. */

/** The batch report fields the CLI shows (GET /admin/batches/{id}). */
export interface BatchProgress {
  total: number;
  counts: { pending: number; issued: number; existing: number; failed: number };
}

type Cell = string | number | null | undefined;

export const fmt = (n: number | null | undefined): string => Number(n ?? 0).toLocaleString("en-US");

export function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

export function rate(rows: number, ms: number): number {
  return ms > 0 ? Math.round((rows * 1000) / ms) : 0;
}

/** Monospace display width (wide East Asian characters count 2). */
export function width(s: Cell): number {
  let w = 0;
  for (const ch of String(s)) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

/** A plain-text table with a header row. */
export function table(headers: string[], rows: Cell[][]): string {
  const cells = rows.map((r) => r.map((v) => (v === null || v === undefined || v === "" ? "-" : String(v))));
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i]))));
  const line = (r: string[]) =>
    r
      .map((v, i) => (i === r.length - 1 ? v : v + " ".repeat(widths[i]! - width(v))))
      .join("  ")
      .trimEnd();
  return [line(headers), ...cells.map(line)].join("\n");
}

/** Processed rows of a batch report. */
export const processed = (report: BatchProgress): number => report.total - report.counts.pending;

export function progressLine(report: BatchProgress, rowsPerSecond: number, barWidth = 10): string {
  const done = processed(report);
  const filled = report.total ? Math.round((done / report.total) * barWidth) : barWidth;
  const c = report.counts;
  return (
    `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}] ${fmt(done)}/${fmt(report.total)} ` +
    `issued ${fmt(c.issued)} · existing ${fmt(c.existing)} · failed ${fmt(c.failed)} · ${fmt(rowsPerSecond)}/s`
  );
}

/**
 * Progress on `stream`: on a TTY one line rewritten in place, otherwise a line each time another
 * ~10% of the rows is processed (and at the end).
 */
export function createProgress(
  stream: { isTTY?: boolean; write(s: string): unknown },
  { startedAt = Date.now(), baseline = 0 } = {},
) {
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  let drawn = false;
  let last: BatchProgress | null = null;
  return {
    update(report: BatchProgress) {
      last = report;
      const done = processed(report);
      const line = progressLine(report, rate(done - baseline, Date.now() - startedAt), tty ? 20 : 10);
      if (tty) {
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
        return;
      }
      const decile = report.total ? Math.floor((done / report.total) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(line + "\n");
      }
    },
    /** Ends the progress display (moves past the TTY line). */
    finish() {
      if (tty && drawn) stream.write("\n");
      drawn = false;
      return last;
    },
  };
}
