/**
 * `npm run bench`: every benchmark in one run, each beside a baseline measured in the same run.
 * Prints one table (medians / rates, baseline, ratio, target) and writes it to bench/results.md.
 *
 *  1. Data Integrity verification: our verifier vs the DCC stack, same credentials (in process).
 *  2. Ed25519 verify: our crypto layer vs node:crypto (in process).
 *  3. Canonicalization (bench/canon-bench.ts) and PDF rendering (bench/pdf.ts).
 *  4. HTTP on loopback (autocannon): the service under `wrangler dev` (scripts/dev.ts, isolated port
 *     and D1 directory) vs THE baseline: a bare Hono Worker (bench/baseline-worker.ts) doing one
 *     WebCrypto Ed25519 verify per request, run with the same wrangler the same way (`wrangler dev`,
 *     bench/baseline-wrangler.toml), so both sides pay the same wrangler dev proxy + workerd path.
 *     A bare node:http server doing one node:crypto verify (bench/baseline-server.mjs) is kept as an
 *     "(info)" row: it shows what the local wrangler dev path itself costs.
 *  5. Bulk issuance on local D1 (CSV batch) vs one-at-a-time `POST /admin/certificates`.
 *  6. Per-route CPU in workerd (bench/route-cpu.ts): median and p99 per public route, first request
 *     of each route after start, next to the 10 ms line.
 *
 * Environment: BENCH_ROWS (bulk CSV rows, default 10000, max 10000), BENCH_SINGLE (single issuances
 * per mode, default 300), BENCH_HTTP_SECONDS (default 8), BENCH_PORT (service, default 8791),
 * BENCH_BASELINE_PORT (node:http baseline, default 8792), BENCH_WORKER_BASELINE_PORT (Hono Worker
 * baseline, default 8793), BENCH_PDF_RUNS (default 40).
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { startService, type RunningService } from "../test/reliability/support/service";
import { runVerifyBench, runEd25519Bench } from "./verify-bench";
import { runCanonBench } from "./canon-bench";
import { runPdfBench } from "./pdf";
import { findWorkerd, measureOnce, measureRoute, type RouteCase, type RouteCpu } from "./route-cpu";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
process.chdir(root);

const env = (name: string, def: number) => (process.env[name] ? Number(process.env[name]) : def);
const ROWS = Math.min(10_000, Math.max(1, env("BENCH_ROWS", 10_000)));
const SINGLE = Math.max(8, env("BENCH_SINGLE", 300));
const HTTP_SECONDS = env("BENCH_HTTP_SECONDS", 8);
const PORT = env("BENCH_PORT", 8791);
const BASELINE_PORT = env("BENCH_BASELINE_PORT", 8792);
const WORKER_BASELINE_PORT = env("BENCH_WORKER_BASELINE_PORT", 8793);
const PDF_RUNS = env("BENCH_PDF_RUNS", 40);
const CPU_RUNS = env("BENCH_CPU_RUNS", 200);
const BASE = `http://127.0.0.1:${PORT}`;
const log = (m: string) => console.log(`[bench] ${m}`);
const started = Date.now();

// ---------- helpers ----------

const fmt = (n: number, digits = 2) =>
  !Number.isFinite(n) ? "—" : n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(digits);
const ratioText = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : "—");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  measure: string;
  ours: string;
  baseline: string;
  ratio: string;
  target: string;
  met: string;
}
const table: Row[] = [];
function row(measure: string, ours: string, baseline: string, ratio: string, target: string, met: string) {
  table.push({ measure, ours, baseline, ratio, target, met });
}
const check = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "yes" : "NO");

async function isUp(url: string) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

// ---------- processes we start (killed by process group on exit) ----------

const children: ChildProcess[] = [];
function startGroup(args: string[], opts: SpawnOptions) {
  const child = spawn(process.execPath, args, { detached: true, ...opts });
  children.push(child);
  return child;
}
async function stopGroup(child: ChildProcess, name: string) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {}
  const ok = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!ok) {
    log(`${name} did not exit on SIGTERM; sending SIGKILL to its process group`);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
    await Promise.race([exited, sleep(5000)]);
  }
}
function killAllSync() {
  for (const c of children)
    if (c.exitCode === null && c.signalCode === null)
      try {
        process.kill(-c.pid!, "SIGKILL");
      } catch {}
}
process.on("exit", killAllSync);
for (const sig of ["SIGINT", "SIGTERM"])
  process.on(sig, () => {
    killAllSync();
    process.exit(130);
  });

// ---------- 1-3: in-process benchmarks ----------

if (!fs.existsSync(path.join(root, "assets", "fonts"))) {
  log("building static assets (fonts) first");
  if (spawnSync(process.execPath, ["scripts/build-assets.mjs"], { stdio: "inherit" }).status !== 0)
    throw new Error("node scripts/build-assets.mjs failed");
}

log("1. Data Integrity verification: ours vs Digital Credentials Consortium (same credentials)");
const vr = await runVerifyBench({ credentials: 20, samples: 15 });
const dccOk = vr.dccVerified.every(Boolean);
const interop = `DCC @digitalcredentials/vc verifyCredential on our ${vr.credentials} credentials: verified:true for ${
  vr.dccVerified.filter(Boolean).length
}/${vr.credentials}; our verifier: verified:true for ${vr.oursVerified.filter(Boolean).length}/${vr.credentials}`;
console.log(`[bench] interoperability: ${interop}`);
if (!dccOk) console.log(`[bench] DCC error: ${vr.dccError}`);
{
  const { oursUs, baselineUs } = vr.comparison;
  const r = oursUs / baselineUs;
  row(
    "DI verify, one OB3 credential (eddsa-rdfc-2022), median per credential",
    `${fmt(oursUs / 1000, 3)} ms`,
    `${fmt(baselineUs / 1000, 3)} ms (DCC vc 10 + eddsa-rdfc-2022)`,
    ratioText(r),
    "≤ 0.5×",
    check(dccOk && vr.oursVerified.every(Boolean) && r <= 0.5),
  );
  row(
    "  (info) same, our verifier with the generic jsonld canonicalizer",
    `${fmt(vr.oursGenericUs / 1000, 3)} ms`,
    `${fmt(baselineUs / 1000, 3)} ms`,
    ratioText(vr.oursGenericUs / baselineUs),
    "—",
    "—",
  );
}

log("2. Ed25519 verify: ed25519Verify (WebCrypto) vs node:crypto.verify");
const er = await runEd25519Bench({ samples: 25 });
{
  const oneAtATime = 1e6 / er.sequential.oursUs;
  const native = 1e6 / er.sequential.baselineUs;
  const conc = 1e6 / er.concurrentUs;
  const raw = 1e6 / er.rawSubtleUs;
  // Throughput as a server sees it: verifications per second with requests in flight. WebCrypto
  // runs on libuv's thread pool in Node; node:crypto.verify is synchronous on the calling thread.
  row(
    "Ed25519 verify throughput through our layer (16 in flight)",
    `${fmt(conc)} /s`,
    `${fmt(native)} /s node:crypto.verify (sync)`,
    ratioText(conc / native),
    "≥ 0.8×",
    check(conc / native >= 0.8),
  );
  row(
    "  (info) layer overhead: ed25519Verify vs raw crypto.subtle.verify, one at a time",
    `${fmt(oneAtATime)} /s (${fmt(er.sequential.oursUs, 1)} µs)`,
    `${fmt(raw)} /s (${fmt(er.rawSubtleUs, 1)} µs) raw WebCrypto, pre-imported key`,
    ratioText(oneAtATime / raw),
    "—",
    "—",
  );
  row(
    "  (info) one at a time (awaited) vs node:crypto: Node's WebCrypto job overhead",
    `${fmt(oneAtATime)} /s (${fmt(er.sequential.oursUs, 1)} µs)`,
    `${fmt(native)} /s (${fmt(er.sequential.baselineUs, 1)} µs) node:crypto`,
    ratioText(oneAtATime / native),
    "—",
    "—",
  );
}

log("3a. canonicalization (bench/canon-bench.ts)");
const canonRows = await runCanonBench();

log(`3b. PDF rendering (bench/pdf.ts, ${PDF_RUNS} runs per case)`);
const pdfRows = await runPdfBench({ runs: PDF_RUNS });
{
  const base = pdfRows[0]!;
  for (const r of pdfRows) {
    if (r === base) {
      row(`PDF: ${r.case}`, `${fmt(r.medianMs)} ms`, "(this is the baseline)", "1.00×", "—", "—");
      continue;
    }
    if (!/Latin|Hangul/.test(r.case)) continue;
    row(
      `PDF: ${r.case}`,
      `${fmt(r.medianMs)} ms (cold ${fmt(r.coldMs ?? NaN)} ms)`,
      `${fmt(base.medianMs)} ms`,
      ratioText(r.ratio),
      r.target !== undefined ? `≤ ${r.target}×` : "—",
      r.target !== undefined ? check(r.ratio <= r.target) : "—",
    );
  }
}

// ---------- 4-5: the service on loopback ----------

const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), "wego-bench-"));
let service: RunningService | undefined;
let workerBaseline: ChildProcess | undefined;
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
interface HttpCase {
  name: string;
  ours: Cannon;
  worker: Cannon;
  base: Cannon;
  workerD1?: Cannon;
}
const http: HttpCase[] = [];
let bulk:
  | { rows: number; seconds: number; uploadMs: number; calls: number; counts: Record<string, number>; rate: number }
  | undefined;
const single: { seq?: number; conc?: number } = {};
let health: { worker: Cannon; ours: Cannon } | undefined;
const routeCpu: { route: RouteCpu; firstMs: number }[] = [];
let trivial: RouteCpu | undefined;
const workerBaselineLog = path.join(here, "out", "baseline-worker.log");
fs.mkdirSync(path.join(here, "out"), { recursive: true });
const workerPersist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-bench-baseline-"));
try {
  for (const [port, what] of [
    [PORT, "BENCH_PORT"],
    [BASELINE_PORT, "BENCH_BASELINE_PORT"],
    [WORKER_BASELINE_PORT, "BENCH_WORKER_BASELINE_PORT"],
  ] as const)
    if (await isUp(`http://127.0.0.1:${port}/health`))
      throw new Error(`something already answers on port ${port}; set ${what} to a free port`);

  log(
    `starting the service (test/reliability/support startService: scripts/dev.ts, WEGO_PORT=${PORT}, rate limit off)`,
  );
  service = await startService(PORT, persistTo, { rateLimitOff: true, timeoutMs: 300_000 });
  const token = service.adminToken;
  log(`service up after ${((Date.now() - started) / 1000).toFixed(0)} s of bench time`);
  const admin = { authorization: `Bearer ${token}` };
  // The HTTP baseline Worker: same wrangler, same `wrangler dev` path, its own config (no D1/assets/vars).
  log(
    `starting the baseline Worker: wrangler dev --config bench/baseline-wrangler.toml --port ${WORKER_BASELINE_PORT}`,
  );
  const wbFd = fs.openSync(workerBaselineLog, "w");
  workerBaseline = startGroup(
    [
      "node_modules/wrangler/bin/wrangler.js",
      "dev",
      "--config",
      "bench/baseline-wrangler.toml",
      "--ip",
      "127.0.0.1",
      "--port",
      String(WORKER_BASELINE_PORT),
      "--persist-to",
      workerPersist,
      "--show-interactive-dev-session=false",
    ],
    { stdio: ["ignore", wbFd, wbFd] },
  );
  fs.closeSync(wbFd);

  const issue = async (i: number, tag: string): Promise<{ id: string }> => {
    const r = await fetch(`${BASE}/admin/certificates`, {
      method: "POST",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({
        recipient: { name: `Bench Person ${tag} ${i}`, email: `bench-${tag}-${i}@example.org` },
        achievementId: "champions-2023-online",
      }),
    });
    if (r.status !== 201) throw new Error(`POST /admin/certificates: ${r.status} ${await r.text()}`);
    return (await r.json()) as { id: string };
  };

  // One certificate for the HTTP benchmarks.
  const first = await issue(0, "http");
  const id = first.id;
  const credRes = await fetch(`${BASE}/c/${id}`, { headers: { accept: "application/json" } });
  if (!credRes.ok) throw new Error(`GET /c/${id}: ${credRes.status}`);
  const credential = await credRes.json();
  const verifyBody = JSON.stringify({ verifiableCredential: credential });
  const check1 = await fetch(`${BASE}/credentials/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: verifyBody,
  });
  const check1Body = (await check1.json()) as { verdict?: string };
  log(`POST /credentials/verify of the issued credential: ${check1.status} verdict=${check1Body.verdict}`);

  // ---- 6. per-route CPU in workerd (measured first, so each route's first request is its first
  // since start: lazy imports and per-isolate caches not yet filled) ----
  {
    const workerd = findWorkerd(service.pid);
    const jwt = await (await fetch(`${BASE}/c/${id}.jwt`)).text();
    const pdf = new Uint8Array(await (await fetch(`${BASE}/c/${id}.pdf`)).arrayBuffer());
    // credentialStatus is one entry or an array of entries (VC 2.0 §4.10).
    const statusEntry = [(credential as { credentialStatus?: unknown }).credentialStatus].flat()[0] as {
      statusListCredential?: string;
    };
    const statusUrl = new URL(String(statusEntry?.statusListCredential));
    const get = (name: string, url: string, headers: Record<string, string> = {}, status = 200): RouteCase => ({
      name,
      run: async () => {
        const r = await fetch(url, { headers });
        await r.arrayBuffer();
        if (r.status !== status) throw new Error(`${name}: ${r.status}`);
      },
    });
    const post = (name: string, body: BodyInit, type: string): RouteCase => ({
      name,
      run: async () => {
        const r = await fetch(`${BASE}/credentials/verify`, {
          method: "POST",
          headers: { "content-type": type },
          body,
        });
        const out = (await r.json()) as { verified?: boolean };
        if (out.verified !== true) throw new Error(`${name}: ${r.status} ${JSON.stringify(out)}`);
      },
    });
    const cases: RouteCase[] = [
      get("GET /c/{id} (HTML page)", `${BASE}/c/${id}`, { accept: "text/html" }),
      get("GET /c/{id}.json", `${BASE}/c/${id}.json`),
      get("GET /c/{id}.jwt", `${BASE}/c/${id}.jwt`),
      get("GET /c/{id}.pdf", `${BASE}/c/${id}.pdf`),
      get(`GET ${statusUrl.pathname} (status list)`, `${BASE}${statusUrl.pathname}`),
      get("GET /.well-known/did.json", `${BASE}/.well-known/did.json`),
      post("POST /credentials/verify (JSON)", verifyBody, "application/json"),
      post("POST /credentials/verify (VC-JWT)", JSON.stringify({ verifiableCredential: jwt }), "application/json"),
      post("POST /credentials/verify (PDF)", pdf, "application/pdf"),
    ];
    // The trivial route: an unknown path (router + onError, no D1). GET /health is not trivial: it
    // runs a D1 `SELECT 1`, which under wrangler dev costs more CPU than a cached certificate read.
    const healthCase = get("GET /no-such-path (404, trivial route)", `${BASE}/no-such-path`, {}, 404);
    log(`6. per-route CPU of workerd pid ${workerd}: first request of each route, then ${CPU_RUNS} sequential each`);
    const firsts = new Map<string, number>();
    for (const c of cases) firsts.set(c.name, await measureOnce(workerd, c));
    trivial = await measureRoute(workerd, healthCase, CPU_RUNS);
    for (const c of cases)
      routeCpu.push({ route: await measureRoute(workerd, c, CPU_RUNS), firstMs: firsts.get(c.name)! });
  }

  // ---- 4. HTTP ----
  const wbase = `http://127.0.0.1:${WORKER_BASELINE_PORT}`;
  for (let i = 0; !(await isUp(`${wbase}/health`)); i++) {
    if (workerBaseline.exitCode !== null)
      throw new Error(`the baseline Worker exited (${workerBaseline.exitCode}); see ${workerBaselineLog}`);
    if (i > 240) throw new Error(`the baseline Worker did not start in 120 s; see ${workerBaselineLog}`);
    await sleep(500);
  }
  {
    const probe = await fetch(`${wbase}/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: verifyBody,
    });
    const probeBody = (await probe.json()) as { verified?: boolean };
    if (!probe.ok || probeBody.verified !== true)
      throw new Error(`baseline Worker POST /verify: ${probe.status} ${JSON.stringify(probeBody)}`);
  }
  log("4. HTTP: baseline Worker is up; starting the node:http (info) baseline (one node:crypto verify per request)");
  const baseline = startGroup(["bench/baseline-server.mjs", String(BASELINE_PORT)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    baseline.stdout!.on("data", (d: Buffer) => String(d).includes("ready") && resolve());
    baseline.once("exit", () => reject(new Error("baseline server exited")));
  });
  const cannon = async (url: string, extra: Partial<autocannon.Options> = {}): Promise<Cannon> => {
    const r = await autocannon({ url, connections: 10, duration: HTTP_SECONDS, ...extra });
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
  };
  const base = `http://127.0.0.1:${BASELINE_PORT}`;
  // Ceilings of the local platform path: ours = wrangler dev proxy + workerd + D1 SELECT 1 (not rate
  // limited); baseline Worker = wrangler dev proxy + workerd + Hono, no crypto, no D1.
  const hs = Math.min(4, HTTP_SECONDS);
  log(`   GET /health (info: wrangler dev ceilings), baseline Worker ${hs} s, then ours ${hs} s`);
  health = {
    worker: await cannon(`${wbase}/health`, { duration: hs }),
    ours: await cannon(`${BASE}/health`, { duration: hs }),
  };
  log(`     ours: ${JSON.stringify(health.ours.codes)}; baseline Worker: ${JSON.stringify(health.worker.codes)}`);
  const cases = [
    {
      name: `GET /c/{id} (Accept: application/json)`,
      ours: [`${BASE}/c/${id}`, { headers: { accept: "application/json" } }],
      base: [`${base}/c/${id}`, { headers: { accept: "application/json" } }],
      worker: [`${wbase}/verify`, { headers: { accept: "application/json" } }],
    },
    {
      name: "POST /credentials/verify (JSON credential)",
      ours: [
        `${BASE}/credentials/verify`,
        { method: "POST", headers: { "content-type": "application/json" }, body: verifyBody },
      ],
      base: [
        `${base}/credentials/verify`,
        { method: "POST", headers: { "content-type": "application/json" }, body: verifyBody },
      ],
      worker: [
        `${wbase}/verify`,
        { method: "POST", headers: { "content-type": "application/json" }, body: verifyBody },
      ],
      workerD1: [
        `${wbase}/verify-d1`,
        { method: "POST", headers: { "content-type": "application/json" }, body: verifyBody },
      ],
    },
  ];
  for (const c of cases) {
    log(
      `   ${c.name}: baseline Worker ${HTTP_SECONDS} s, ours ${HTTP_SECONDS} s, node:http ${HTTP_SECONDS} s, 10 connections`,
    );
    const w = await cannon(...(c.worker as [string, Partial<autocannon.Options>]));
    const o = await cannon(...(c.ours as [string, Partial<autocannon.Options>]));
    const b = await cannon(...(c.base as [string, Partial<autocannon.Options>]));
    const wd = c.workerD1 ? await cannon(...(c.workerD1 as [string, Partial<autocannon.Options>])) : undefined;
    http.push({ name: c.name, ours: o, worker: w, base: b, workerD1: wd });
    log(
      `     ours: ${JSON.stringify(o.codes)} errors=${o.errors}; baseline Worker: ${JSON.stringify(w.codes)} errors=${w.errors}; node:http: ${JSON.stringify(b.codes)}`,
    );
  }
  await stopGroup(baseline, "baseline server");
  await stopGroup(workerBaseline, "baseline Worker");

  // ---- 5. issuance ----
  log(`5. issuance: ${SINGLE} single POST /admin/certificates sequentially, then ${SINGLE} with 8 clients`);
  {
    let t = performance.now();
    for (let i = 0; i < SINGLE; i++) await issue(i, "seq");
    single.seq = SINGLE / ((performance.now() - t) / 1000);
    t = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < SINGLE) await issue(next++, "conc");
      }),
    );
    single.conc = SINGLE / ((performance.now() - t) / 1000);
  }
  log(`   single: ${fmt(single.seq)}/s sequential, ${fmt(single.conc)}/s with 8 clients`);

  log(`   bulk: uploading a ${ROWS}-row CSV to POST /admin/batches and driving /process until done`);
  {
    const stamp = Date.now().toString(36);
    const lines = ["name,email,achievementId,externalId"];
    for (let i = 0; i < ROWS; i++)
      lines.push(`Bulk Person ${i},bulk-${stamp}-${i}@example.org,champions-2023-online,bench-${stamp}-${i}`);
    const csv = lines.join("\r\n") + "\r\n";
    const t = performance.now();
    const up = await fetch(`${BASE}/admin/batches`, {
      method: "POST",
      headers: { ...admin, "content-type": "text/csv" },
      body: csv,
    });
    if (up.status !== 202) throw new Error(`POST /admin/batches: ${up.status} ${await up.text()}`);
    type Report = { id: string; done: boolean; counts: Record<string, number> };
    let report = (await up.json()) as Report;
    const uploadMs = performance.now() - t;
    let calls = 0;
    let lastLog = performance.now();
    while (!report.done) {
      const r = await fetch(`${BASE}/admin/batches/${report.id}/process`, { method: "POST", headers: admin });
      if (!r.ok) throw new Error(`POST /admin/batches/${report.id}/process: ${r.status} ${await r.text()}`);
      report = (await r.json()) as Report;
      calls++;
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`     ${JSON.stringify(report.counts)} after ${((performance.now() - t) / 1000).toFixed(0)} s`);
      }
    }
    const seconds = (performance.now() - t) / 1000;
    bulk = { rows: ROWS, seconds, uploadMs, calls, counts: report.counts, rate: (report.counts.issued ?? 0) / seconds };
    log(`   bulk: ${JSON.stringify(report.counts)} in ${seconds.toFixed(1)} s (${calls} process calls)`);
  }
} finally {
  if (service) {
    log("stopping the service (process group)");
    await service.stop();
  }
  if (workerBaseline) await stopGroup(workerBaseline, "baseline Worker");
  fs.rmSync(persistTo, { recursive: true, force: true });
  fs.rmSync(workerPersist, { recursive: true, force: true });
}

const nonOk = (r: Cannon) => r.total - r.n2xx;
const codesText = (r: Cannon) =>
  Object.entries(r.codes)
    .filter(([k]) => !k.startsWith("2"))
    .map(([k, v]) => `${v}× ${k}`)
    .join(", ");
for (const h of http) {
  const r = h.ours.ok / h.worker.ok;
  const throttled = h.ours.c429 > 0;
  const bad = nonOk(h.ours) + h.ours.errors;
  row(
    `HTTP ${h.name}: 2xx req/s, p99 (baseline: bare Hono Worker, one WebCrypto Ed25519 verify, same wrangler dev)`,
    `${fmt(h.ours.ok)} req/s, p99 ${h.ours.p99} ms` +
      (throttled ? ` (+ ${fmt(h.ours.c429 / HTTP_SECONDS)} 429/s: ${h.ours.c429} of ${h.ours.total} throttled)` : "") +
      (bad && !throttled ? ` (non-2xx/errors: ${codesText(h.ours) || "—"}, ${h.ours.errors} errors)` : ""),
    `${fmt(h.worker.ok)} req/s, p99 ${h.worker.p99} ms`,
    ratioText(r),
    "≥ 0.5×",
    throttled ? "n/a (429s)" : check(r >= 0.5),
  );
  if (throttled)
    row(
      "  (info) same, all responses incl. 429",
      `${fmt(h.ours.rps)} req/s`,
      `${fmt(h.worker.rps)} req/s`,
      ratioText(h.ours.rps / h.worker.rps),
      "—",
      "—",
    );
  if (h.workerD1)
    row(
      "  (info) same vs bare Hono Worker doing one verify + one D1 read (ours reads the status row every time)",
      `${fmt(h.ours.ok)} req/s, p99 ${h.ours.p99} ms`,
      `${fmt(h.workerD1.ok)} req/s, p99 ${h.workerD1.p99} ms`,
      ratioText(h.ours.ok / h.workerD1.ok),
      "—",
      "—",
    );
  row(
    "  (info) same vs bare node:http + node:crypto verify (no wrangler dev proxy, no workerd)",
    `${fmt(h.ours.ok)} req/s, p99 ${h.ours.p99} ms`,
    `${fmt(h.base.ok)} req/s, p99 ${h.base.p99} ms`,
    ratioText(h.ours.ok / h.base.ok),
    "—",
    "—",
  );
  row(
    "  (info) bare Hono Worker under wrangler dev vs bare node:http (cost of the local wrangler dev path)",
    `${fmt(h.worker.ok)} req/s, p99 ${h.worker.p99} ms`,
    `${fmt(h.base.ok)} req/s, p99 ${h.base.p99} ms`,
    ratioText(h.worker.ok / h.base.ok),
    "—",
    "—",
  );
}
if (health)
  row(
    "  (info) HTTP GET /health, ours (D1 SELECT 1, not rate limited) vs bare Hono Worker GET /health (no crypto, no D1): 2xx req/s, p99",
    `${fmt(health.ours.ok)} req/s, p99 ${health.ours.p99} ms`,
    `${fmt(health.worker.ok)} req/s, p99 ${health.worker.p99} ms`,
    ratioText(health.ours.ok / health.worker.ok),
    "—",
    "—",
  );
if (bulk) {
  const issued = bulk.counts.issued;
  for (const [label, rate] of [
    ["sequential", single.seq ?? NaN],
    ["8 concurrent clients", single.conc ?? NaN],
  ] as const)
    row(
      `Issuance on local D1: bulk CSV (${bulk.rows} rows) vs single POST /admin/certificates, ${label}`,
      `${fmt(bulk.rate)} cert/s (${issued} in ${bulk.seconds.toFixed(1)} s)`,
      `${fmt(rate)} cert/s (${SINGLE} single)`,
      ratioText(bulk.rate / rate),
      "≥ 5×",
      check(bulk.rate / rate >= 5 && issued === bulk.rows),
    );
}

// ---------- report ----------

const header = ["measure", "ours (median / rate)", "baseline", "ratio", "target", "met?"];
const lines = [
  `| ${header.join(" | ")} |`,
  `|${header.map(() => "---").join("|")}|`,
  ...table.map((r) => `| ${[r.measure, r.ours, r.baseline, r.ratio, r.target, r.met].join(" | ")} |`),
];
const cpuHeader =
  "| route | first request after start (ms) | warm median (ms) | warm p99 (ms) | median − trivial (ms) | p99 − trivial (ms) | ≤ 10 ms? |";
const cpuLines = trivial
  ? [
      cpuHeader,
      "|---|---|---|---|---|---|---|",
      `| ${trivial.name} (subtracted) | — | ${fmt(trivial.medianMs)} | ${fmt(trivial.p99Ms)} | — | — | — |`,
      ...routeCpu.map(({ route: r, firstMs }) => {
        const med = r.medianMs - trivial!.medianMs;
        const p99 = r.p99Ms - trivial!.medianMs;
        const first = firstMs - trivial!.medianMs;
        return `| ${r.name} | ${fmt(first)} | ${fmt(r.medianMs)} | ${fmt(r.p99Ms)} | ${fmt(med)} | ${fmt(p99)} | ${
          med <= 10 && p99 <= 10 ? (first <= 10 ? "yes" : "warm yes, first NO") : "NO"
        } |`;
      }),
    ]
  : ["(not measured)"];
const canonLines = [
  "| canonicalization case | generic jsonld (µs) | fast path (µs) | ratio fast/generic |",
  "|---|---|---|---|",
  ...canonRows.map((r) => `| ${r.case} | ${r.genericUs} | ${r.fastUs} | ${r.ratio}× |`),
];
const cpus = os.cpus();
const machine = [
  `- machine: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores (${os.platform()} ${os.release()}, ${Math.round(
    os.totalmem() / 2 ** 30,
  )} GiB)`,
  `- Node ${process.version}; date ${new Date().toISOString()}; total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`,
  `- ${interop}`,
  `- Ratios: time rows are ours/baseline (lower is better); rate rows are ours/baseline (higher is better). Medians of alternating samples; every baseline was measured in this same run.`,
  `- Our verifier: verifyDataIntegrity with createFastCanonicalizer(createCanonicalizer()), ed25519Verify, checkShape as in src/services/verify-credential.ts, keys from a generated key set; status: a stub returning ok on both sides (DCC: checkStatus → {verified:true}). Credentials: ${vr.credentials} distinct OB3 credentials with a BitstringStatusListEntry, built with buildCredential + createProof, signed with a WebCrypto Ed25519 key.`,
  `- HTTP: autocannon, 10 connections, ${HTTP_SECONDS} s each, loopback, zero-429 required (WEGO_RATE_LIMIT=off); service = scripts/dev.ts (wrangler dev, local D1) on :${PORT}; baseline = bench/baseline-worker.ts (bare Hono app, one WebCrypto Ed25519 verify of a fixed 64-byte message per request; POST parses the JSON body) under the same wrangler dev (bench/baseline-wrangler.toml, same compatibility date and flags) on :${WORKER_BASELINE_PORT}; (info) bench/baseline-server.mjs (node:http, one node:crypto Ed25519 verify per request) on :${BASELINE_PORT}. Order per case: baseline Worker, ours, node:http.`,
  bulk
    ? `- Bulk: ${bulk.rows} CSV rows (BENCH_ROWS), upload ${fmt(bulk.uploadMs)} ms incl. the first chunk, ${bulk.calls} process calls, final counts ${JSON.stringify(bulk.counts)}; single: ${SINGLE} sequential then ${SINGLE} with 8 clients, before the bulk run.`
    : "- Bulk: not run.",
];
const md = [
  "# Benchmark results (`npm run bench`)",
  "",
  ...machine,
  "",
  ...lines,
  "",
  "## CPU per route in workerd (bench/route-cpu.ts)",
  "",
  `Method: on-CPU time of the workerd process (sum of /proc/<pid>/task/*/schedstat) read before and after each of ${CPU_RUNS} sequential requests per route (after 5 unmeasured), minus the median of a trivial route (an unknown path answered 404 by the router, no D1) measured the same way. "First request after start" is the first request of that route in the freshly started isolate (dev.mjs has already issued the demo certificates, so issuance code is warm; PDF, page and verification code are not). Local D1 figures are upper bounds: wrangler dev relays a debugger event for every D1 query to its Node process. The 10 ms line is the Workers free plan's CPU limit per request.`,
  "",
  ...cpuLines,
  "",
  "## Canonicalization (bench/canon-bench.ts)",
  "",
  ...canonLines,
  "",
].join("\n");
fs.writeFileSync(path.join(here, "results.md"), md);
console.log("\n" + machine.join("\n") + "\n");
console.log(lines.join("\n"));
console.log("\n" + cpuLines.join("\n"));
console.log("\n" + canonLines.join("\n"));
console.log(`\n[bench] wrote bench/results.md`);
