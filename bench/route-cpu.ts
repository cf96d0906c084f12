/**
 * Per-route CPU in workerd, as the platform bills it: the on-CPU time of the workerd process (all
 * its threads, `/proc/<pid>/task/<tid>/schedstat` field 1, nanoseconds) read before and after each
 * of many sequential requests, minus the median of a trivial route (cold.ts trivialCase: a CORS
 * preflight, 204, middleware only) measured the same way. Local D1 figures are upper bounds: `wrangler dev` relays a debugger event for every D1
 * query from workerd to its Node process, work that a deployed Worker does not do.
 */
import fs from "node:fs";
import { processes } from "../test/support/proc-stat";
import { sleep } from "./processes";

/** A workerd process and its command line. */
export interface WorkerdProcess {
  pid: number;
  args: string[];
}

/**
 * Which of a wrangler run's workerd processes runs the Worker. wrangler's `startWorker` (behind
 * `wrangler dev` and scripts/serve-worker.ts) starts two: a proxy Worker's, listening on the public
 * port, which forwards every request, and the user Worker's, with its D1, R2 and cache simulators,
 * whose entry socket is bound to a port the system picks (`--socket-addr=entry=127.0.0.1:0`). The
 * two start in either order, and the user Worker's may not exist yet right after "Ready on": the
 * largest pid, taken before 2026-12-02 10:40 UTC, was at times the proxy, whose CPU per request
 * (about 2 ms) does not depend on what the Worker does. Throws unless exactly one is the user Worker's.
 */
export function workerWorkerd(candidates: WorkerdProcess[]): number {
  const user = candidates.filter((c) => c.args.some((a) => /^--socket-addr=entry=.*:0$/.test(a)));
  if (user.length !== 1)
    throw new Error(
      `no single user-Worker workerd (--socket-addr=entry=…:0) among [${candidates.map((c) => c.pid).join(", ")}]`,
    );
  return user[0]!.pid;
}

/** The workerd process running the Worker in the process group `pgid` (the group of scripts/dev.ts). */
export function findWorkerd(pgid: number): number {
  const found = processes().filter((p) => p.comm === "workerd" && p.pgrp === pgid);
  if (found.length === 0) throw new Error(`no workerd process in process group ${pgid}`);
  return workerWorkerd(
    found.map((p) => {
      let args: string[] = [];
      try {
        args = fs.readFileSync(`/proc/${p.pid}/cmdline`, "utf8").split("\0");
      } catch {
        // exited meanwhile: no arguments, so not chosen as the Worker's
      }
      return { pid: p.pid, args };
    }),
  );
}

/** {@link findWorkerd}, waiting (up to `timeoutMs`) for the user Worker's workerd to start. */
export async function awaitWorkerd(pgid: number, timeoutMs = 60_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return findWorkerd(pgid);
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await sleep(100);
  }
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

/**
 * On-CPU nanoseconds of `pid`'s main thread (the task whose id is the pid): in workerd, the thread
 * that runs every isolate's JavaScript. V8's background compiler and garbage-collector helpers are
 * other tasks ("V8 DefaultWorke"), which {@link cpuNs} counts and a V8 CPU profile does not.
 */
export function mainThreadCpuNs(pid: number): number {
  return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ")[0]);
}

/**
 * Runs `c` `n` times sequentially (after `warmup` unmeasured runs) and returns its CPU per request,
 * read with `read` (every thread of the process by default).
 */
export async function measureRoute(
  pid: number,
  c: RouteCase,
  n: number,
  warmup = 5,
  read: (pid: number) => number = cpuNs,
): Promise<RouteCpu> {
  for (let i = 0; i < warmup; i++) await c.run();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = read(pid);
    await c.run();
    // workerd may still be finishing the response after the body arrived: let it settle.
    await new Promise((r) => setImmediate(r));
    samples.push((read(pid) - before) / 1e6);
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
