/**
 * Per-route CPU in workerd, as the platform bills it: the on-CPU time of the workerd process (all
 * its threads, `/proc/<pid>/task/<tid>/schedstat` field 1, nanoseconds) read before and after each
 * of many sequential requests, minus the median of a trivial route (an unknown path, 404, no D1)
 * measured the same way. Local D1 figures are upper bounds: `wrangler dev` relays a debugger event for every D1
 * query from workerd to its Node process, work that a deployed Worker does not do.
 */
import fs from "node:fs";
import { processes } from "../test/support/proc-stat";

/** The workerd process in the process group `pgid` (the group of scripts/dev.mjs). */
export function findWorkerd(pgid: number): number {
  const found = processes()
    .filter((p) => p.comm === "workerd" && p.pgrp === pgid)
    .map((p) => p.pid);
  if (found.length === 0) throw new Error(`no workerd process in process group ${pgid}`);
  return Math.max(...found);
}

/** Total on-CPU nanoseconds of every thread of `pid`. */
export function cpuNs(pid: number): number {
  let total = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread ended between readdir and read
    }
  }
  return total;
}

/** Waits until the workerd process has been idle (under 2 % of a core) for three seconds running. */
export async function settle(pid: number, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 3) {
    if (Date.now() > end) throw new Error("the service did not settle (background work still running)");
    const before = cpuNs(pid);
    await new Promise((r) => setTimeout(r, 1000));
    quiet = (cpuNs(pid) - before) / 1e6 < 20 ? quiet + 1 : 0;
  }
}

/** One request to measure: a name and a function that performs it (and checks its status). */
export interface RouteCase {
  name: string;
  run: () => Promise<void>;
}

/** Median and p99 of CPU per request, in milliseconds, raw and minus the trivial route. */
export interface RouteCpu {
  name: string;
  medianMs: number;
  p99Ms: number;
  samples: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Runs `c` `n` times sequentially (after `warmup` unmeasured runs) and returns its CPU per request. */
export async function measureRoute(pid: number, c: RouteCase, n: number, warmup = 5): Promise<RouteCpu> {
  for (let i = 0; i < warmup; i++) await c.run();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = cpuNs(pid);
    await c.run();
    // workerd may still be finishing the response after the body arrived: let it settle.
    await new Promise((r) => setImmediate(r));
    samples.push((cpuNs(pid) - before) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { name: c.name, medianMs: quantile(samples, 0.5), p99Ms: quantile(samples, 0.99), samples: n };
}

/** CPU of the first run of `c` only (a cold isolate's first request, when called right after start). */
export async function measureOnce(pid: number, c: RouteCase): Promise<number> {
  const before = cpuNs(pid);
  await c.run();
  await new Promise((r) => setImmediate(r));
  return (cpuNs(pid) - before) / 1e6;
}

/** The warm table: each route's median and p99, raw and minus the trivial route's median. */
export function cpuTable(trivial: RouteCpu, routes: RouteCpu[]): string[] {
  const f = (n: number) => (!Number.isFinite(n) ? "—" : n.toFixed(2));
  return [
    "| route | warm median (ms) | warm p99 (ms) | median − trivial (ms) | p99 − trivial median (ms) | ≤ 10 ms? | (info) p99 − trivial p99 (ms) |",
    "|---|---|---|---|---|---|---|",
    `| ${trivial.name} (subtracted) | ${f(trivial.medianMs)} | ${f(trivial.p99Ms)} | — | — | — | — |`,
    ...routes.map((r) => {
      const med = r.medianMs - trivial.medianMs;
      const p99 = r.p99Ms - trivial.medianMs;
      // The verdict takes the trivial route's median off both: its own tail stays in the route's p99.
      return `| ${r.name} | ${f(r.medianMs)} | ${f(r.p99Ms)} | ${f(med)} | ${f(p99)} | ${med <= 10 && p99 <= 10 ? "yes" : "NO"} | ${f(r.p99Ms - trivial.p99Ms)} |`;
    }),
  ];
}

/**
 * The same per-request method on another Worker (the bare baseline), as its own table under the
 * warm one: nothing is subtracted; its p99 − median is the method's own tail on this machine.
 */
export function referenceTable(rows: RouteCpu[]): string[] {
  if (rows.length === 0) return [];
  return [
    "",
    "The same method on the bare Hono Worker (`bench/baseline-worker.ts`, same wrangler, no code of ours): how far a p99 sits above the median on this machine. A route that calls local D1 or the Cache API carries their simulators' work (in the same workerd process) and the garbage collection of each call's Request and Response objects, in its median and most of all in its tail: the third row is that floor.",
    "",
    "| bare Worker route | warm median (ms) | warm p99 (ms) | p99 − median (ms) |",
    "|---|---|---|---|",
    ...rows.map(
      (r) => `| ${r.name} | ${r.medianMs.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${(r.p99Ms - r.medianMs).toFixed(2)} |`,
    ),
  ];
}
