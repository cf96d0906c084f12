/**
 * The benchmark's isolate-CPU section (issue 15, "or a V8 CPU profile through the inspector"): the
 * service restarted with workerd's inspector on, the Worker's isolate profiled (isolate-cpu.ts)
 * during (a) a new isolate's first requests, in two orders: the stored PDF first, then the PDF
 * verification first, each followed by every other public route's first request; and (b) on the
 * last isolate, every public route warm. Each request's workerd process CPU is read alongside.
 * "First" is the first request the bench makes: scripts/dev.ts's start-up has already sent the
 * isolate its health check (D1, a signature made and verified) and three demo issuances.
 * First of all, the calibration: work done inside the isolate alone (cold.ts isolateOnlyCase) minus
 * a reference writing the same log line, by the process method on workerd's main thread (inspector
 * off) and by the profile.
 * Outside {@link CALIBRATION_OK} every verdict of the section reads "invalid".
 */
import { isolateOnlyCase, isolateOnlyReference, publicRouteCases, trivialCase, type RouteFixture } from "./cold";
import { IsolateProfiler, measureIsolateRoute, type DualSample, type IsolateRouteCpu } from "./isolate-cpu";
import { mainThreadCpuNs, measureRoute, type RouteCase, type RouteCpu } from "./route-cpu";

/** Unmeasured requests before each side of the calibration by the process method. */
const CALIBRATION_WARMUP = 30;

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
  /** The process method on the calibration's reference and case (inspector off). */
  calibration: { reference: RouteCpu; work: RouteCpu };
  /** The profile on the same two. */
  profiled: { reference: IsolateRouteCpu; work: IsolateRouteCpu };
}

const PDF = "GET /c/{id}.pdf";
const PDF_VERIFY = "POST /credentials/verify (PDF)";

/** Runs the section: `rounds` pairs of new isolates, then `warmRuns` requests per route warm. */
export async function measureIsolate(t: IsolateTarget, rounds: number, warmRuns: number): Promise<IsolateResult> {
  const trivial = trivialCase(t.fixture.base);
  const work = isolateOnlyCase(t.fixture);
  const reference = isolateOnlyReference(t.fixture.base);
  const calRuns = Math.min(warmRuns, 60);
  const cases: RouteCase[] = publicRouteCases(t.fixture).map((c) =>
    c.name === PDF ? { ...c, name: `${PDF} (stored)` } : c,
  );
  const find = (prefix: string) => cases.find((c) => c.name.startsWith(prefix))!;
  const plain = await t.restartPlain();
  // The profile counts the thread running the isolate; so does this side of the calibration. Its
  // warm-up lets V8's tier-up settle, as it has on the profiled isolate by the time it is measured.
  const calibration = {
    reference: await measureRoute(plain, reference, calRuns, CALIBRATION_WARMUP, mainThreadCpuNs),
    work: await measureRoute(plain, work, calRuns, CALIBRATION_WARMUP, mainThreadCpuNs),
  };
  const out: IsolateResult = {
    firstPdf: [],
    firstPdfVerify: [],
    firsts: [trivial, ...cases].map((c) => ({ name: c.name, samples: [] })),
    warm: [],
    calibration,
    profiled: undefined as unknown as IsolateResult["profiled"],
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
    out.profiled = {
      reference: await measureIsolateRoute(profiler!, reference, calRuns),
      work: await measureIsolateRoute(profiler!, work, calRuns),
    };
  } finally {
    profiler?.close();
  }
  // What follows in the bench measures the service as before: without the inspector.
  await t.restartPlain();
  return out;
}

/** Profile ÷ process on the calibration's work within which the section's verdicts stand. */
export const CALIBRATION_OK = { min: 0.8, max: 1.25 } as const;

const f = (n: number) => n.toFixed(2);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The calibration: profile ÷ process on the same work, and whether the section's verdicts stand. */
export function calibrationOf(r: IsolateResult): {
  byProcess: number;
  byProfile: number;
  ratio: number;
  valid: boolean;
} {
  const byProcess = r.calibration.work.medianMs - r.calibration.reference.medianMs;
  const byProfile = r.profiled.work.medianMs - r.profiled.reference.medianMs;
  const ratio = byProfile / byProcess;
  return { byProcess, byProfile, ratio, valid: ratio >= CALIBRATION_OK.min && ratio <= CALIBRATION_OK.max };
}

/** The section's tables (markdown lines). */
export function isolateTables(r: IsolateResult): string[] {
  const { byProcess, byProfile, ratio, valid } = calibrationOf(r);
  const verdict = (ok: boolean) => (!valid ? "invalid" : ok ? "yes" : "NO");
  const firstRow = (label: string, s: DualSample[], judged: boolean) => {
    const iso = s.map((x) => x.isolateMs);
    // Every new isolate's first request is billed: the worst one is judged.
    return `| ${label} | ${f(med(iso))} | ${f(Math.max(...iso))} | ${iso.map(f).join(", ")} | ${f(med(s.map((x) => x.processMs)))} | ${judged ? verdict(Math.max(...iso) <= 10) : "—"} |`;
  };
  return [
    `Calibration, work inside the isolate alone (${r.profiled.work.name}) minus a reference writing the same log line (${r.profiled.reference.name}), medians: the process method on workerd's main thread, which runs the isolates (inspector off, ${r.calibration.work.samples} requests each after ${CALIBRATION_WARMUP} unmeasured; V8's background compiler and GC threads left out, as the profile leaves them out) **${f(byProcess)} ms**, the profile **${f(byProfile)} ms**: profile ÷ process **${ratio.toFixed(2)}** (1 = the same CPU; the verdicts below stand between ${CALIBRATION_OK.min} and ${CALIBRATION_OK.max}: ${valid ? "they do" : "they DO NOT, every verdict reads invalid"}). Routes that call D1, R2 or the Cache API also spend CPU outside the isolate, in the local simulators, which the process figures include.`,
    "",
    "| route, warm (the Worker's isolate) | median (ms) | p99 (ms) | max (ms) | ≤ 10 ms? | workerd process, median (ms, same requests) |",
    "|---|---|---|---|---|---|",
    ...r.warm.map(
      (w) =>
        `| ${w.name} | ${f(w.medianMs)} | ${f(w.p99Ms)} | ${f(w.maxMs)} | ${verdict(w.medianMs <= 10 && w.p99Ms <= 10)} | ${f(w.processMedianMs)} |`,
    ),
    "",
    `| a new isolate (after start-up's health check and three demo issuances), the Worker's isolate | median (ms) | worst (ms) | per isolate (ms) | workerd process, median (ms) | worst ≤ 10 ms? |`,
    "|---|---|---|---|---|---|",
    firstRow(`the bench's first request: a stored PDF download (${r.firstPdf.length} isolates)`, r.firstPdf, true),
    firstRow(
      `the bench's first request: PDF verification (POST /credentials/verify, application/pdf; ${r.firstPdfVerify.length} isolates)`,
      r.firstPdfVerify,
      true,
    ),
    ...r.firsts
      .filter((x) => x.samples.length > 0)
      .map((x) =>
        firstRow(
          `this route's first request, after the first one and others (${x.samples.length} isolates): ${x.name}`,
          x.samples,
          false,
        ),
      ),
  ];
}
