/**
 * Interleaved throughput rounds for the HTTP section (bench/http-bench.ts): the service and the
 * baseline Worker take turns, A B, B A, A B, ... (the order flips every round so that neither side
 * always runs first after a pause), each for a short fixed time with the same autocannon load, so a
 * change in the machine's other load hits both sides alike. Each round gives one ratio (ours ÷
 * baseline, 2xx per second); the figure is the median of those ratios, with their spread. Each side
 * also gets the on-CPU time of its whole process group (wrangler's Node process, both workerd
 * processes, and for the service the `npm start` wrapper) per request: less sensitive to the other
 * load than a rate, since it counts only work done for this side.
 */
import autocannon from "autocannon";
import { processes } from "../test/support/proc-stat";
import { cpuNs, findWorkerd } from "./route-cpu";

/** One side's load: where, with what, and the process group that serves it. */
export interface Side {
  url: string;
  opts: Partial<autocannon.Options>;
  pgid: number;
}

/** One autocannon run: rates, status codes and the process group's CPU per request. */
export interface Shot {
  ok: number;
  n2xx: number;
  total: number;
  p99: number;
  codes: Record<string, number>;
  errors: number;
  cpuMsPerRequest: number;
  /**
   * CPU per request of the one workerd process that runs the Worker (what Workers bills: the
   * Worker's own work; for the service also the local D1, R2 and cache simulators that run inside it).
   */
  workerdMsPerRequest: number;
}

/** Result of the interleaved rounds for one case. */
export interface Rounds {
  ours: Shot[];
  base: Shot[];
  ratios: number[];
  cpuRatios: number[];
  workerdRatios: number[];
}

/** On-CPU nanoseconds (schedstat) of every thread of every live process in process group `pgid`. */
export function groupCpuNs(pgid: number): number {
  let total = 0;
  for (const p of processes()) {
    if (p.pgrp !== pgid) continue;
    try {
      total += cpuNs(p.pid);
    } catch {
      // the process ended while being read
    }
  }
  return total;
}

/** Runs `side` for `seconds` with 10 connections. */
export async function shoot(side: Side, seconds: number): Promise<Shot> {
  const workerd = side.pgid ? findWorkerd(side.pgid) : 0;
  const before = side.pgid ? groupCpuNs(side.pgid) : 0;
  const workerdBefore = workerd ? cpuNs(workerd) : 0;
  const r = await autocannon({ url: side.url, connections: 10, duration: seconds, ...side.opts });
  const cpu = side.pgid ? groupCpuNs(side.pgid) - before : NaN;
  const workerdCpu = workerd ? cpuNs(workerd) - workerdBefore : NaN;
  const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return {
    ok: r["2xx"] / r.duration,
    n2xx: r["2xx"],
    total: r.requests.total,
    p99: r.latency.p99,
    codes,
    errors: r.errors + r.timeouts,
    cpuMsPerRequest: cpu / 1e6 / Math.max(1, r.requests.total),
    workerdMsPerRequest: workerdCpu / 1e6 / Math.max(1, r.requests.total),
  };
}

/** `rounds` alternating rounds of `seconds` per side, after one unmeasured second each. */
export async function interleave(ours: Side, base: Side, rounds: number, seconds: number): Promise<Rounds> {
  await shoot(base, 1);
  await shoot(ours, 1);
  const out: Rounds = { ours: [], base: [], ratios: [], cpuRatios: [], workerdRatios: [] };
  for (let i = 0; i < rounds; i++) {
    let o: Shot, b: Shot;
    if (i % 2 === 0) {
      b = await shoot(base, seconds);
      o = await shoot(ours, seconds);
    } else {
      o = await shoot(ours, seconds);
      b = await shoot(base, seconds);
    }
    out.ours.push(o);
    out.base.push(b);
    out.ratios.push(o.ok / b.ok);
    // Rate ratio equivalent: baseline CPU per request ÷ ours (higher is better, like the rates).
    out.cpuRatios.push(b.cpuMsPerRequest / o.cpuMsPerRequest);
    out.workerdRatios.push(b.workerdMsPerRequest / o.workerdMsPerRequest);
  }
  return out;
}

/** The median of `xs` (mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Smallest and largest of `xs`. */
export const spread = (xs: number[]) => [Math.min(...xs), Math.max(...xs)] as const;
