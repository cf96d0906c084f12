/**
 * The benchmark's isolate-CPU section (issue 15, "or a V8 CPU profile through the inspector"): the
 * service restarted with workerd's inspector on, the Worker's isolate profiled (isolate-cpu.ts)
 * during (a) a new isolate's first requests, in two orders: the stored PDF first, then the PDF
 * verification first, each followed by every other public route's first request; and (b) on the
 * last isolate, every public route warm. Each request's workerd process CPU is read alongside.
 * First, the calibration: work done inside the isolate alone (cold.ts isolateOnlyCase) measured by
 * the process method with the inspector off, then by the profile, each minus the trivial route.
 */
import { isolateOnlyCase, publicRouteCases, trivialCase, type RouteFixture } from "./cold";
import { IsolateProfiler, measureIsolateRoute, type DualSample, type IsolateRouteCpu } from "./isolate-cpu";
import { measureRoute, type RouteCase, type RouteCpu } from "./route-cpu";

/** What the section needs from the bench. */
export interface IsolateTarget {
  fixture: RouteFixture;
  inspectorPort: number;
  /** Restarts the service on the same state with the inspector on; resolves to the workerd pid. */
  restart: () => Promise<number>;
  /** Restarts it as the process method measures it (inspector off); resolves to the workerd pid. */
  restartPlain: () => Promise<number>;
  log: (m: string) => void;
}

/** The section's figures. */
export interface IsolateResult {
  /** Each round's first request: the stored PDF, then (next isolate) the PDF verification. */
  firstPdf: DualSample[];
  firstPdfVerify: DualSample[];
  /** Every route's first request in those new isolates, after the first one (two per round). */
  firsts: { name: string; samples: DualSample[] }[];
  /** Every public route warm, the trivial route first and the calibration case last. */
  warm: IsolateRouteCpu[];
  /** The process method on the trivial route and the calibration case (inspector off). */
  calibration: { trivial: RouteCpu; work: RouteCpu };
}

const PDF = "GET /c/{id}.pdf";
const PDF_VERIFY = "POST /credentials/verify (PDF)";

/** Runs the section: `rounds` pairs of new isolates, then `warmRuns` requests per route warm. */
export async function measureIsolate(t: IsolateTarget, rounds: number, warmRuns: number): Promise<IsolateResult> {
  const trivial = trivialCase(t.fixture.base);
  const work = isolateOnlyCase(t.fixture);
  const cases: RouteCase[] = publicRouteCases(t.fixture).map((c) =>
    c.name === PDF ? { ...c, name: `${PDF} (stored)` } : c,
  );
  const find = (prefix: string) => cases.find((c) => c.name.startsWith(prefix))!;
  const plain = await t.restartPlain();
  for (let i = 0; i < 5; i++) await work.run();
  const calibration = {
    trivial: await measureRoute(plain, trivial, warmRuns),
    work: await measureRoute(plain, work, Math.min(warmRuns, 60)),
  };
  const out: IsolateResult = {
    firstPdf: [],
    firstPdfVerify: [],
    firsts: [trivial, ...cases].map((c) => ({ name: c.name, samples: [] })),
    warm: [],
    calibration,
  };
  let profiler: IsolateProfiler | undefined;
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const first of [find(PDF), find(PDF_VERIFY)]) {
        profiler?.close();
        const pid = await t.restart();
        profiler = await IsolateProfiler.attach(t.inspectorPort, pid);
        const rest = [trivial, ...cases].filter((c) => c !== first);
        // 200 ms apart: each request's window also holds what it left to do after answering.
        const s = await profiler.profile(
          [first, ...rest].map((c) => c.run),
          200,
        );
        (first.name.startsWith(PDF) ? out.firstPdf : out.firstPdfVerify).push(s[0]!);
        rest.forEach((c, i) => out.firsts.find((f) => f.name === c.name)!.samples.push(s[i + 1]!));
        t.log(
          `round ${round}: ${first.name} as a new isolate's first request: isolate ${s[0]!.isolateMs.toFixed(2)} ms (workerd process ${s[0]!.processMs.toFixed(1)} ms)`,
        );
      }
    }
    for (const c of [trivial, ...cases]) out.warm.push(await measureIsolateRoute(profiler!, c, warmRuns));
    out.warm.push(await measureIsolateRoute(profiler!, work, Math.min(warmRuns, 60)));
  } finally {
    profiler?.close();
  }
  return out;
}

const f = (n: number) => n.toFixed(2);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The section's tables (markdown lines). */
export function isolateTables(r: IsolateResult): string[] {
  const iso = { trivial: r.warm[0]!, work: r.warm.at(-1)! };
  const byProcess = r.calibration.work.medianMs - r.calibration.trivial.medianMs;
  const byProfile = iso.work.medianMs - iso.trivial.medianMs;
  const firstRow = (label: string, s: DualSample[]) => {
    const iso = s.map((x) => x.isolateMs);
    return `| ${label} | ${f(med(iso))} | ${f(Math.max(...iso))} | ${iso.map(f).join(", ")} | ${f(med(s.map((x) => x.processMs)))} | ${med(iso) <= 10 ? "yes" : "NO"} |`;
  };
  return [
    `Calibration, work inside the isolate alone (${iso.work.name}), median minus the trivial route's: the process method (inspector off, ${r.calibration.work.samples} requests) **${f(byProcess)} ms**, the profile **${f(byProfile)} ms**: ratio profile ÷ process **${(byProfile / byProcess).toFixed(2)}** (1 = the same CPU). Routes that call D1, R2 or the Cache API spend more outside the isolate (the simulators) than this case, so their process figures exceed their isolate figures by more than the trivial route's.`,
    "",
    "| route, warm (the Worker's isolate) | median (ms) | p99 (ms) | max (ms) | ≤ 10 ms? | workerd process, median (ms, same requests) |",
    "|---|---|---|---|---|---|",
    ...r.warm
      .slice(0, -1)
      .map(
        (w) =>
          `| ${w.name} | ${f(w.medianMs)} | ${f(w.p99Ms)} | ${f(w.maxMs)} | ${w.medianMs <= 10 && w.p99Ms <= 10 ? "yes" : "NO"} | ${f(w.processMedianMs)} |`,
      ),
    "",
    `| a new isolate's first request (the Worker's isolate; ${r.firstPdf.length} new isolates each) | median (ms) | worst (ms) | per isolate (ms) | workerd process, median (ms) | ≤ 10 ms? |`,
    "|---|---|---|---|---|---|",
    firstRow("the isolate's very first request: a stored PDF download", r.firstPdf),
    firstRow(
      "the isolate's very first request: PDF verification (POST /credentials/verify, application/pdf)",
      r.firstPdfVerify,
    ),
    ...r.firsts
      .filter((x) => x.samples.length > 0)
      .map((x) => firstRow(`after one other first request or more: ${x.name}`, x.samples)),
  ];
}
