/**
 * Per-request CPU of the Worker's own isolate, from a V8 CPU profile taken through workerd's
 * inspector (issue 15's second method): what Cloudflare bills as a request's CPU time is the time
 * the Worker's isolate runs (its JavaScript, the runtime's native code it calls, its garbage
 * collection), not the rest of the machine. The process-CPU method (route-cpu.ts) also counts, in
 * the same workerd process, miniflare's entry Worker, the local D1, R2 and cache simulators (their
 * own isolates and SQLite), workerd's HTTP handling and the kernel's noise, none of which a deployed
 * Worker is billed for: that method's figures are upper bounds, these are the Worker's share.
 *
 * How: V8's sampler signals the isolate's thread every `intervalUs`; a sample is taken only while
 * the isolate is entered (workerd holds its lock), so the time between two samples is CPU of the
 * isolate as long as it is about one sampling period; a longer gap is the isolate out of use
 * (waiting on I/O, another isolate running, the thread descheduled). Each sample is credited with the
 * time to the next one, capped at twice the sampler's real period. Samples are assigned to requests
 * by time: the client's CLOCK_MONOTONIC (`process.hrtime`) and V8's profile timestamps (TimeTicks,
 * CLOCK_MONOTONIC on Linux) are the same clock. The sampler's own signals add a few percent, so the
 * figures lean high. A request much shorter than the period may get no sample (a zero): medians of
 * tiny requests are coarse, sums and tails are not. Checked in every run against the process method
 * on work done inside the isolate alone (isolate-run.ts, the calibration row): on 2026-12-02 an
 * unsigned presentation of 40 credentials of another issuer cost 23.05 ms of process CPU above the
 * trivial route and 23.83 ms of isolate CPU above it.
 */
import { Cdp, workerTarget, type Profile } from "./cdp";
import { cpuNs, type RouteCase } from "./route-cpu";

/** Samples that are not the isolate's work: V8 marks the embedder's idle time with "(idle)". */
const NOT_WORK = new Set(["(idle)", "(root)"]);

/** Microseconds of CLOCK_MONOTONIC, the clock of V8's profile timestamps. */
export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * CPU (ms) of the isolate between consecutive marks: request `i` owns the samples in
 * `[marksUs[i], marksUs[i + 1])`, so `marksUs` has one more entry than there are requests.
 */
export function perRequestMs(profile: Profile, marksUs: number[], intervalUs = 100): number[] {
  const n = marksUs.length - 1;
  const out = new Array<number>(Math.max(n, 0)).fill(0);
  const name = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  const ts: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) ts.push((t += d));
  // The sampler's real period: the median gap between samples of one stretch of work (gaps under
  // ten requested intervals; longer ones are the isolate out of use), at least the requested one.
  const inBurst = ts
    .slice(1)
    .map((x, i) => x - ts[i]!)
    .filter((g) => g < 10 * intervalUs)
    .sort((a, b) => a - b);
  const cap = 2 * Math.max(intervalUs, inBurst[Math.floor(inBurst.length / 2)] ?? 0);
  let r = 0;
  for (let i = 0; i < ts.length; i++) {
    const at = ts[i]!;
    const node = name.get(profile.samples[i]!);
    if (node === undefined) throw new Error(`profile sample ${i} names no node (${profile.samples[i]})`);
    if (NOT_WORK.has(node)) continue;
    if (at < marksUs[0]! || at >= marksUs[n]!) continue;
    while (r + 1 < n && marksUs[r + 1]! <= at) r++;
    // The last sample has no successor: the profile's end bounds it.
    const next = ts[i + 1] ?? profile.endTime;
    out[r]! += Math.min(Math.max(next - at, 0), cap) / 1000;
  }
  return out;
}

/** One request's CPU both ways: the isolate's (profile) and the whole workerd process's (/proc). */
export interface DualSample {
  isolateMs: number;
  processMs: number;
}

/** A profiler attached to the Worker's isolate through the inspector on `port`. */
export class IsolateProfiler {
  private constructor(
    private cdp: Cdp,
    private pid: number,
    private intervalUs: number,
  ) {}

  /** Connects to the Worker's inspector target and sets the sampling interval. */
  static async attach(inspectorPort: number, workerdPid: number, intervalUs = 100): Promise<IsolateProfiler> {
    const cdp = await Cdp.connect(await workerTarget(inspectorPort));
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: intervalUs });
    return new IsolateProfiler(cdp, workerdPid, intervalUs);
  }

  /**
   * Runs `runs` one after another under one profile, `gapMs` apart (0: the next at once), and
   * returns each one's CPU. A request's window lasts until the next one starts, so work the Worker
   * does after answering (`waitUntil`) stays with it.
   */
  async profile(runs: (() => Promise<void>)[], gapMs = 0): Promise<DualSample[]> {
    const asked = monotonicUs();
    await this.cdp.send("Profiler.start");
    const started = monotonicUs();
    // Starting the profiler logs every existing code object on the isolate's thread: not a request's.
    await new Promise((r) => setTimeout(r, 100));
    const marks: number[] = [];
    const proc: number[] = [];
    for (const run of runs) {
      marks.push(monotonicUs());
      const before = cpuNs(this.pid);
      await run();
      await new Promise((r) => setImmediate(r));
      proc.push((cpuNs(this.pid) - before) / 1e6);
      if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    }
    marks.push(monotonicUs());
    const { profile } = await this.cdp.send<{ profile: Profile }>("Profiler.stop");
    // The profile must start between the command and its answer: else the clocks differ, and
    // samples would be given to the wrong requests.
    if (!(profile.startTime >= asked - 1000 && profile.startTime <= started + 1000))
      throw new Error(
        `the profile's clock is not CLOCK_MONOTONIC: it started at ${profile.startTime} µs, the command was sent at ${asked} and answered at ${started}`,
      );
    return perRequestMs(profile, marks, this.intervalUs).map((isolateMs, i) => ({ isolateMs, processMs: proc[i]! }));
  }

  close(): void {
    this.cdp.close();
  }
}

/** A route's isolate CPU over many sequential requests: median and p99, and the process's median. */
export interface IsolateRouteCpu {
  name: string;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  processMedianMs: number;
  samples: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** Runs `c` `n` times (after `warmup` unprofiled runs) under one profile. */
export async function measureIsolateRoute(
  p: IsolateProfiler,
  c: RouteCase,
  n: number,
  warmup = 5,
): Promise<IsolateRouteCpu> {
  for (let i = 0; i < warmup; i++) await c.run();
  const s = await p.profile(Array.from({ length: n }, () => c.run));
  const iso = s.map((x) => x.isolateMs);
  return {
    name: c.name,
    medianMs: quantile(iso, 0.5),
    p99Ms: quantile(iso, 0.99),
    maxMs: quantile(iso, 1),
    processMedianMs: quantile(
      s.map((x) => x.processMs),
      0.5,
    ),
    samples: n,
  };
}
