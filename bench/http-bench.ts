/**
 * HTTP on loopback (autocannon, 10 connections): the service under `wrangler dev` vs THE baseline, a
 * bare Hono Worker (bench/baseline-worker.ts) doing one WebCrypto Ed25519 verify per request, run
 * with the same wrangler the same way, so both sides pay the same wrangler dev proxy + workerd path.
 * A bare node:http server doing one node:crypto verify (bench/baseline-server.mjs) is an "(info)"
 * row: it shows what the local wrangler dev path itself costs.
 */
import type { ChildProcess } from "node:child_process";
import autocannon from "autocannon";
import { startGroup, stopGroup } from "./processes";
import { check, fmt, log, ratioText, row } from "./report";

interface Cannon {
  rps: number;
  ok: number;
  n2xx: number;
  p99: number;
  codes: Record<string, number>;
  c429: number;
  errors: number;
  total: number;
}

async function cannon(url: string, seconds: number, extra: Partial<autocannon.Options> = {}): Promise<Cannon> {
  const r = await autocannon({ url, connections: 10, duration: seconds, ...extra });
  const codes = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return {
    rps: r.requests.total / r.duration,
    ok: r["2xx"] / r.duration,
    n2xx: r["2xx"],
    p99: r.latency.p99,
    codes,
    c429: codes["429"] ?? 0,
    errors: r.errors + r.timeouts,
    total: r.requests.total,
  };
}

/** Where the three servers answer, and what to send. */
export interface HttpTargets {
  ours: string;
  worker: string;
  workerProcess: ChildProcess;
  nodePort: number;
  id: string;
  verifyBody: string;
  seconds: number;
}

/** Runs the HTTP cases, adds their rows to the main table, and stops both baselines. */
export async function runHttpBench(t: HttpTargets): Promise<void> {
  const baseline = startGroup(["bench/baseline-server.mjs", String(t.nodePort)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    baseline.stdout!.on("data", (d: Buffer) => String(d).includes("ready") && resolve());
    baseline.once("exit", () => reject(new Error("baseline server exited")));
  });
  const node = `http://127.0.0.1:${t.nodePort}`;
  const hs = Math.min(4, t.seconds);
  log(`   GET /health (info: wrangler dev ceilings), baseline Worker ${hs} s, then ours ${hs} s`);
  const health = { worker: await cannon(`${t.worker}/health`, hs), ours: await cannon(`${t.ours}/health`, hs) };
  const json = { headers: { accept: "application/json" } };
  const post = { method: "POST" as const, headers: { "content-type": "application/json" }, body: t.verifyBody };
  const cases = [
    {
      name: "GET /c/{id} (Accept: application/json)",
      target: 0.8,
      ours: [`${t.ours}/c/${t.id}`, json],
      node: [`${node}/c/${t.id}`, json],
      worker: [`${t.worker}/verify`, json],
    },
    {
      name: "POST /credentials/verify (JSON credential)",
      target: 0.5,
      ours: [`${t.ours}/credentials/verify`, post],
      node: [`${node}/credentials/verify`, post],
      worker: [`${t.worker}/verify`, post],
      workerD1: [`${t.worker}/verify-d1`, post],
    },
  ] as const;
  for (const c of cases) {
    log(`   ${c.name}: baseline Worker, ours, node:http, ${t.seconds} s each, 10 connections`);
    const w = await cannon(c.worker[0], t.seconds, c.worker[1]);
    const o = await cannon(c.ours[0], t.seconds, c.ours[1]);
    const b = await cannon(c.node[0], t.seconds, c.node[1]);
    const wd = "workerD1" in c ? await cannon(c.workerD1[0], t.seconds, c.workerD1[1]) : undefined;
    log(`     ours: ${JSON.stringify(o.codes)} errors=${o.errors}; baseline Worker: ${JSON.stringify(w.codes)}`);
    const r = o.ok / w.ok;
    const throttled = o.c429 > 0;
    const bad = o.total - o.n2xx + o.errors;
    const other = Object.entries(o.codes)
      .filter(([k]) => !k.startsWith("2"))
      .map(([k, v]) => `${v}× ${k}`)
      .join(", ");
    row(
      `HTTP ${c.name}: 2xx req/s, p99 (baseline: bare Hono Worker, one WebCrypto Ed25519 verify, same wrangler dev)`,
      `${fmt(o.ok)} req/s, p99 ${o.p99} ms` +
        (throttled ? ` (+ ${o.c429} of ${o.total} throttled)` : "") +
        (bad && !throttled ? ` (non-2xx/errors: ${other || "—"}, ${o.errors} errors)` : ""),
      `${fmt(w.ok)} req/s, p99 ${w.p99} ms`,
      ratioText(r),
      `≥ ${c.target}×`,
      throttled ? "n/a (429s)" : check(r >= c.target),
    );
    if (wd)
      row(
        "  (info) same vs bare Hono Worker doing one verify + one D1 read",
        `${fmt(o.ok)} req/s`,
        `${fmt(wd.ok)} req/s, p99 ${wd.p99} ms`,
        ratioText(o.ok / wd.ok),
        "—",
        "—",
      );
    row(
      "  (info) bare Hono Worker under wrangler dev vs bare node:http + node:crypto (cost of the local wrangler dev path)",
      `${fmt(w.ok)} req/s, p99 ${w.p99} ms`,
      `${fmt(b.ok)} req/s, p99 ${b.p99} ms`,
      ratioText(w.ok / b.ok),
      "—",
      "—",
    );
  }
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
}
