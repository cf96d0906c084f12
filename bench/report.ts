/** The bench's main table (one row per measure, beside its baseline) and number formatting. */

export const fmt = (n: number, digits = 2) =>
  !Number.isFinite(n) ? "—" : n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(digits);
export const ratioText = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : "—");
export const check = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "yes" : "NO");
export const log = (m: string) => console.log(`[bench] ${m}`);

interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  met: string;
}
const table: Row[] = [];

/** Adds a row to the main table. */
export function row(measure: string, ours: string, baseline: string, ratio: string, target: string, met: string) {
  table.push({ measure, ours, baseline, ratio, target, met });
}

/** The main table as Markdown lines. */
export function mainTable(): string[] {
  const header = ["measure", "ours (median / rate)", "baseline", "ratio", "target", "met?"];
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...table.map((r) => `| ${[r.measure, r.ours, r.baseline, r.ratio, r.target, r.met].join(" | ")} |`),
  ];
}
