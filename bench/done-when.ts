/**
 * Issue 15's "Done when" items, judged from one run's figures (the first section of
 * bench/results.md). CPU items by both methods the issue names: the Worker's isolate (V8 CPU
 * profiles through the inspector, section 9c: what Cloudflare bills) and the workerd process
 * (/proc, sections 6, 8 and 9b: an upper bound that also carries the local D1, R2 and cache
 * simulators). An isolate verdict stands only when the run's calibration does.
 */
import type { HttpCaseResult } from "./http-bench";
import { calibrationOf, type IsolateResult } from "./isolate-run";
import type { PdfFirstResult, R2Floor } from "./pdf-first";
import type { PhoneRun } from "./phone";
import type { RouteCpu } from "./route-cpu";
import { SCALE_CONTROL, SCALE_OPS, type ScalePoint } from "./scale";

/** Everything the summary reads; absent parts make their rows "not measured". */
export interface DoneWhenInput {
  http: HttpCaseResult[];
  isolate?: IsolateResult;
  /** Section 6: the trivial route and every public route warm (process CPU). */
  trivial?: RouteCpu;
  routes: RouteCpu[];
  /** Section 8: each route's first request in a new isolate, in sequence (process CPU). */
  cold: { name: string; ms: number[] }[];
  pdfFirst?: PdfFirstResult;
  r2Floor?: R2Floor;
  scale: { small?: ScalePoint; large?: ScalePoint };
  phone: PhoneRun[];
}

const LINE_MS = 10;
const f = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "—");
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const worstOf = <T>(xs: T[], by: (x: T) => number): T | undefined =>
  xs.reduce<T | undefined>((w, x) => (w === undefined || by(x) > by(w) ? x : w), undefined);
const within = (ms: number | undefined) => ms !== undefined && Number.isFinite(ms) && ms <= LINE_MS;
const yes = (ok: boolean) => (ok ? "yes" : "NO");

/** Section 6 measures one row (a render every time) that is not a public route's warm answer. */
const isPublicWarm = (r: RouteCpu) => !r.name.startsWith("GET /c/{id}.pdf, another certificate each time");

/** The summary table (markdown lines). */
export function doneWhenTable(d: DoneWhenInput): string[] {
  const cal = d.isolate ? calibrationOf(d.isolate) : undefined;
  const iso = d.isolate && cal?.valid ? d.isolate : undefined;
  const isoNote = !d.isolate ? "not measured" : !cal!.valid ? `invalid (calibration ${cal!.ratio.toFixed(2)})` : "";
  const rows: string[][] = [];
  const isoVerdict = (ok: boolean) => (iso ? yes(ok) : d.isolate ? "invalid" : "not measured");

  const http = d.http.map((h) => `${h.name} ${h.ratio.toFixed(2)}× (≥ ${h.target}×)`).join("; ");
  const httpOk = d.http.length === 2 && d.http.every((h) => h.ratio >= h.target);
  rows.push([
    "`POST /credentials/verify` ≥ 0.5×, `GET /c/{id}` ≥ 0.8× the bare Worker",
    http || "not measured",
    "—",
    yes(httpOk),
  ]);

  const t = d.trivial?.medianMs ?? Number.NaN;
  const warm = d.routes.filter(isPublicWarm);
  const isoMedian = iso && worstOf(iso.warm, (w) => w.medianMs);
  const isoP99 = iso && worstOf(iso.warm, (w) => w.p99Ms);
  const procMedian = worstOf(warm, (w) => w.medianMs);
  const procP99 = worstOf(warm, (w) => w.p99Ms);
  const procOver = warm.filter((w) => w.p99Ms - t > LINE_MS).map((w) => w.name.replace(/ \(.*$/, ""));
  rows.push([
    `every public route warm, median ≤ ${LINE_MS} ms`,
    isoMedian ? `worst ${f(isoMedian.medianMs)} (${isoMedian.name.replace(/ \(.*$/, "")}), raw` : isoNote,
    procMedian ? `worst ${f(procMedian.medianMs - t)} above the trivial route` : "not measured",
    isoVerdict(within(isoMedian?.medianMs)),
  ]);
  rows.push([
    `every public route warm, p99 ≤ ${LINE_MS} ms`,
    isoP99 ? `worst ${f(isoP99.p99Ms)} (${isoP99.name.replace(/ \(.*$/, "")}), raw` : isoNote,
    procP99
      ? `worst ${f(procP99.p99Ms - t)} above the trivial route's median; over the line: ${procOver.length ? procOver.join(", ") : "none"}`
      : "not measured",
    isoVerdict(within(isoP99?.p99Ms)),
  ]);

  const firstPdf = iso && Math.max(...iso.firstPdf.map((s) => s.isolateMs));
  const procFirstPdf =
    d.pdfFirst && d.r2Floor
      ? med(d.pdfFirst.first) - d.pdfFirst.trivialMs - (med(d.r2Floor.bindings) - med(d.r2Floor.health))
      : undefined;
  rows.push([
    `a new isolate's first PDF (stored), as its first request, ≤ ${LINE_MS} ms`,
    firstPdf !== undefined ? `worst of ${iso!.firstPdf.length} isolates ${f(firstPdf)}` : isoNote,
    procFirstPdf !== undefined
      ? `median ${f(procFirstPdf)} above the trivial route, minus a bare Worker's binding floor`
      : "not measured",
    isoVerdict(within(firstPdf)),
  ]);
  const firstVerify = iso && Math.max(...iso.firstPdfVerify.map((s) => s.isolateMs));
  const procVerify = d.cold.find((c) => c.name === "POST /credentials/verify (PDF)");
  rows.push([
    `a new isolate's PDF verification, as its first request, ≤ ${LINE_MS} ms`,
    firstVerify !== undefined ? `worst of ${iso!.firstPdfVerify.length} isolates ${f(firstVerify)}` : isoNote,
    procVerify?.ms.length
      ? `worst ${f(Math.max(...procVerify.ms) - t)} above the trivial route (that route's first request, in sequence)`
      : "not measured",
    isoVerdict(within(firstVerify)),
  ]);

  const { small, large } = d.scale;
  if (small && large) {
    const control = large.ops[SCALE_CONTROL]!.cpuMs / small.ops[SCALE_CONTROL]!.cpuMs;
    const growth = SCALE_OPS.map((op) => ({ op, g: large.ops[op]!.cpuMs / small.ops[op]!.cpuMs / control }));
    const top = worstOf(growth, (x) => x.g)!;
    rows.push([
      `${small.certificates.toLocaleString("en-US")} vs ${large.certificates.toLocaleString("en-US")} certificates, no row over 1.5×`,
      "—",
      `worst ${top.g.toFixed(2)}× ÷ the control (${top.op.replace(/ \(.*$/, "")})`,
      yes(top.g <= 1.5),
    ]);
  } else rows.push(["1k vs 100k, no row over 1.5×", "—", "not measured", "NO"]);

  const phoneWorst = d.phone.length ? Math.max(...d.phone.map((p) => p.verdictMs)) : Number.NaN;
  rows.push([
    "phone time-to-verdict < 1.5 s (slow 4G, 4× CPU)",
    "—",
    d.phone.length
      ? `worst of ${d.phone.length}: ${Math.round(phoneWorst).toLocaleString("en-US")} ms`
      : "not measured",
    yes(phoneWorst < 1500),
  ]);

  return [
    `Each CPU item is judged by the Worker's isolate (section 9c, V8 CPU profiles: the CPU Cloudflare bills; calibration ${cal ? cal.ratio.toFixed(2) : "—"}); the workerd process figures beside it are an upper bound that also carries the local D1, R2 and cache simulators and the other isolates in the process.`,
    "",
    "| Done-when item (issue 15) | the Worker's isolate (ms) | the workerd process (ms, upper bound) | met? |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}
