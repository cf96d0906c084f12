/**
 * HTTP on loopback (autocannon, 10 connections): the service under `wrangler dev` vs THE baseline, a
 * bare Hono Worker (bench/baseline-worker.ts) doing one WebCrypto Ed25519 verify per request, run
 * with the same wrangler the same way, so both sides pay the same wrangler dev proxy + workerd path.
 * The two sides take turns in short interleaved rounds (bench/http-rounds.ts); the ratio reported is
 * the median of the per-round ratios, with their spread. A bare node:http server doing one
 * node:crypto verify (bench/baseline-server.mjs) is an "(info)" row: it shows what the local wrangler
 * dev path itself costs. `npx tsx bench/http-cli.ts` runs this section alone.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import { interleave, median, shoot, spread, type Rounds, type Shot } from "./http-rounds";
import { wranglerLogEnv } from "../test/reliability/support/service";
import { isUp, sleep, startGroup, stopGroup } from "./processes";
import { check, fmt, log, ratioText, row } from "./report";

/**
 * Starts the baseline Worker (`wrangler dev --config bench/baseline-wrangler.toml`) on `port` in
 * its own process group, its output to `logFile`.
 */
export function startBaselineWorker(
  port: number,
  persistTo: string,
  logFile: string,
  /** More `wrangler dev` arguments, e.g. `["--inspector-port", "28794"]`. */
  extra: string[] = [],
  /** false: through scripts/serve-worker.ts, without wrangler's devtools inspector (as the service's HTTP runs). */
  inspector = true,
): ChildProcess {
  const fd = fs.openSync(logFile, "w");
  const where = ["--config", "bench/baseline-wrangler.toml", "--ip", "127.0.0.1", "--port", String(port)];
  const child = startGroup(
    inspector
      ? [
          "node_modules/wrangler/bin/wrangler.js",
          "dev",
          ...where,
          "--persist-to",
          persistTo,
          "--show-interactive-dev-session=false",
          ...extra,
        ]
      : ["--import", "tsx", "scripts/serve-worker.ts", ...where, "--persist-to", persistTo, ...extra],
    { stdio: ["ignore", fd, fd], env: { ...process.env, ...wranglerLogEnv(persistTo) } },
  );
  fs.closeSync(fd);
  return child;
}

/** Waits (up to 2 minutes) until the baseline Worker answers on `port`. */
export async function baselineWorkerReady(child: ChildProcess, port: number, logFile: string): Promise<void> {
  for (let i = 0; !(await isUp(`http://127.0.0.1:${port}/health`)); i++) {
    if (child.exitCode !== null || i > 240) throw new Error(`the baseline Worker did not start; see ${logFile}`);
    await sleep(500);
  }
}

/**
 * Waits (up to 3 minutes) until wrangler says the baseline Worker is ready, without a request: a
 * request would start the isolate whose first request is measured (bench/pdf-first.ts).
 */
export async function baselineWorkerListening(child: ChildProcess, logFile: string): Promise<void> {
  for (let i = 0; !/Ready on http/.test(fs.readFileSync(logFile, "utf8")); i++) {
    if (child.exitCode !== null || i > 1800)
      throw new Error(`the baseline Worker did not start:\n${fs.readFileSync(logFile, "utf8").slice(-2000)}`);
    await sleep(100);
  }
}

/** Where the three servers answer, and what to send. */
export interface HttpTargets {
  ours: string;
  /** The service's process group (`npm start`'s dev.ts, wrangler, workerd). */
  oursPgid: number;
  worker: string;
  workerProcess: ChildProcess;
  nodePort: number;
  id: string;
  verifyBody: string;
  /** Seconds per "(info)" run. */
  seconds: number;
  /** Interleaved rounds per case, and seconds per side per round. */
  rounds: number;
  roundSeconds: number;
}

/** What one HTTP case measured, for callers that print more than the main table (bench/http-cli.ts). */
export interface HttpCaseResult {
  name: string;
  target: number;
  rounds: Rounds;
  ratio: number;
  cpuRatio: number;
}

const sum = (shots: Shot[], f: (s: Shot) => number) => shots.reduce((a, s) => a + f(s), 0);
const range = (xs: number[]) => {
  const [lo, hi] = spread(xs);
  return `${lo.toFixed(2)}–${hi.toFixed(2)}`;
};

/** Runs the HTTP cases, adds their rows to the main table, and stops both baselines. */
export async function runHttpBench(t: HttpTargets): Promise<HttpCaseResult[]> {
  const baseline = startGroup(["bench/baseline-server.mjs", String(t.nodePort)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    baseline.stdout!.on("data", (d: Buffer) => String(d).includes("ready") && resolve());
    baseline.once("exit", () => reject(new Error("baseline server exited")));
  });
  const node = `http://127.0.0.1:${t.nodePort}`;
  const wpg = t.workerProcess.pid!;
  const json = { headers: { accept: "application/json" } };
  const post = { method: "POST" as const, headers: { "content-type": "application/json" }, body: t.verifyBody };
  const cases = [
    {
      name: "GET /c/{id} (Accept: application/json)",
      target: 0.8,
      ours: { url: `${t.ours}/c/${t.id}`, opts: json, pgid: t.oursPgid },
      worker: { url: `${t.worker}/verify`, opts: json, pgid: wpg },
      node: { url: `${node}/c/${t.id}`, opts: json, pgid: 0 },
      workerLogged: { url: `${t.worker}/verify-logged`, opts: json, pgid: wpg },
    },
    {
      name: "POST /credentials/verify (JSON credential)",
      target: 0.5,
      ours: { url: `${t.ours}/credentials/verify`, opts: post, pgid: t.oursPgid },
      worker: { url: `${t.worker}/verify`, opts: post, pgid: wpg },
      node: { url: `${node}/credentials/verify`, opts: post, pgid: 0 },
      workerD1: { url: `${t.worker}/verify-d1`, opts: post, pgid: wpg },
    },
  ] as const;
  const results: HttpCaseResult[] = [];
  for (const c of cases) {
    log(`   ${c.name}: ${t.rounds} interleaved rounds, ${t.roundSeconds} s per side, 10 connections`);
    const r = await interleave(c.ours, c.worker, t.rounds, t.roundSeconds);
    const ratio = median(r.ratios);
    const cpuRatio = median(r.cpuRatios);
    results.push({ name: c.name, target: c.target, rounds: r, ratio, cpuRatio });
    log(`     per-round ratios: ${r.ratios.map((x) => x.toFixed(2)).join(" ")}`);
    const o = {
      n2xx: sum(r.ours, (s) => s.n2xx),
      total: sum(r.ours, (s) => s.total),
      errors: sum(r.ours, (s) => s.errors),
    };
    const codes: Record<string, number> = {};
    for (const s of r.ours) for (const [k, v] of Object.entries(s.codes)) codes[k] = (codes[k] ?? 0) + v;
    const throttled = (codes["429"] ?? 0) > 0;
    const bad = o.total - o.n2xx + o.errors;
    const other = Object.entries(codes)
      .filter(([k]) => !k.startsWith("2"))
      .map(([k, v]) => `${v}× ${k}`)
      .join(", ");
    const oursOk = median(r.ours.map((s) => s.ok));
    const baseOk = median(r.base.map((s) => s.ok));
    row(
      `HTTP ${c.name}: 2xx req/s (baseline: bare Hono Worker, one WebCrypto Ed25519 verify, same wrangler dev, static assets routed in front as ours are); median of ${t.rounds} interleaved rounds of ${t.roundSeconds} s per side, ratio = median of per-round ratios (spread)`,
      `${fmt(oursOk)} req/s, p99 ${median(r.ours.map((s) => s.p99))} ms` +
        (throttled ? ` (+ ${codes["429"]} of ${o.total} throttled)` : "") +
        (bad && !throttled ? ` (non-2xx/errors: ${other || "—"}, ${o.errors} errors)` : ""),
      `${fmt(baseOk)} req/s, p99 ${median(r.base.map((s) => s.p99))} ms`,
      `${ratioText(ratio)} (${range(r.ratios)})`,
      `≥ ${c.target}×`,
      throttled || bad ? "n/a (non-2xx)" : check(ratio >= c.target),
    );
    row(
      "  (info) same rounds: machine CPU per request of each side's process group (wrangler, workerd; ours also `npm start`), baseline ÷ ours",
      `${median(r.ours.map((s) => s.cpuMsPerRequest)).toFixed(2)} ms`,
      `${median(r.base.map((s) => s.cpuMsPerRequest)).toFixed(2)} ms`,
      `${ratioText(cpuRatio)} (${range(r.cpuRatios)})`,
      "—",
      "—",
    );
    row(
      "  (info) same rounds: CPU per request of the workerd process running each Worker (the Worker's own work, as Workers bills it; for ours also the local D1/R2/cache simulators inside it; not wrangler's Node process, which relays each log line), baseline ÷ ours",
      `${median(r.ours.map((s) => s.workerdMsPerRequest)).toFixed(2)} ms`,
      `${median(r.base.map((s) => s.workerdMsPerRequest)).toFixed(2)} ms`,
      `${ratioText(median(r.workerdRatios))} (${range(r.workerdRatios)})`,
      "—",
      "—",
    );
    if ("workerLogged" in c) {
      // With REQUEST_LOG=all the service writes one log line per request (issue 17); under wrangler
      // dev that line was most of the gap to the bare Worker (README "Benchmarks"), and by default
      // quick public reads no longer write it. The same rounds against a bare Worker that writes the
      // line say what the gap would be with it.
      log(`     against the bare Worker writing the same log line: ${t.rounds} interleaved rounds`);
      const rl = await interleave(c.ours, c.workerLogged, t.rounds, t.roundSeconds);
      log(`     per-round ratios: ${rl.ratios.map((x) => x.toFixed(2)).join(" ")}`);
      row(
        "  (info) same method, against the bare Worker writing the service's one structured log line per request (`GET /verify-logged`; the line ours writes only with REQUEST_LOG=all for this route)",
        `${fmt(median(rl.ours.map((s) => s.ok)))} req/s`,
        `${fmt(median(rl.base.map((s) => s.ok)))} req/s`,
        `${ratioText(median(rl.ratios))} (${range(rl.ratios)})`,
        "—",
        "—",
      );
    }
    if ("workerD1" in c) {
      const wd = await shoot(c.workerD1, t.seconds);
      row(
        "  (info) bare Hono Worker doing one verify + one D1 read (one run)",
        "—",
        `${fmt(wd.ok)} req/s, p99 ${wd.p99} ms`,
        "—",
        "—",
        "—",
      );
    }
    const w = await shoot(c.worker, t.seconds);
    const b = await shoot(c.node, t.seconds);
    row(
      "  (info) bare Hono Worker under wrangler dev vs bare node:http + node:crypto (cost of the local wrangler dev path; one run each)",
      `${fmt(w.ok)} req/s, p99 ${w.p99} ms`,
      `${fmt(b.ok)} req/s, p99 ${b.p99} ms`,
      ratioText(w.ok / b.ok),
      "—",
      "—",
    );
  }
  const hs = Math.min(4, t.seconds);
  log(`   GET /health (info: wrangler dev ceilings), baseline Worker ${hs} s, then ours ${hs} s`);
  const health = {
    worker: await shoot({ url: `${t.worker}/health`, opts: {}, pgid: 0 }, hs),
    ours: await shoot({ url: `${t.ours}/health`, opts: {}, pgid: 0 }, hs),
  };
  row(
    "  (info) HTTP GET /health, ours (D1 SELECT 1) vs bare Hono Worker GET /health (no crypto, no D1)",
    `${fmt(health.ours.ok)} req/s, p99 ${health.ours.p99} ms`,
    `${fmt(health.worker.ok)} req/s, p99 ${health.worker.p99} ms`,
    ratioText(health.ours.ok / health.worker.ok),
    "—",
    "—",
  );
  await stopGroup(baseline, "baseline server", log);
  await stopGroup(t.workerProcess, "baseline Worker", log);
  return results;
}
