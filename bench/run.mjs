#!/usr/bin/env node
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
 *
 * Environment: BENCH_ROWS (bulk CSV rows, default 10000, max 10000), BENCH_SINGLE (single issuances
 * per mode, default 300), BENCH_HTTP_SECONDS (default 8), BENCH_PORT (service, default 8791),
 * BENCH_BASELINE_PORT (node:http baseline, default 8792), BENCH_WORKER_BASELINE_PORT (Hono Worker
 * baseline, default 8793), BENCH_PDF_RUNS (default 40).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleAndImport } from "./bundle.mjs";
import autocannon from "autocannon";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
process.chdir(root);

const env = (name, def) => (process.env[name] ? Number(process.env[name]) : def);
const ROWS = Math.min(10_000, Math.max(1, env("BENCH_ROWS", 10_000)));
const SINGLE = Math.max(8, env("BENCH_SINGLE", 300));
const HTTP_SECONDS = env("BENCH_HTTP_SECONDS", 8);
const PORT = env("BENCH_PORT", 8791);
const BASELINE_PORT = env("BENCH_BASELINE_PORT", 8792);
const WORKER_BASELINE_PORT = env("BENCH_WORKER_BASELINE_PORT", 8793);
const PDF_RUNS = env("BENCH_PDF_RUNS", 40);
const BASE = `http://127.0.0.1:${PORT}`;
const log = (m) => console.log(`[bench] ${m}`);
const started = Date.now();

// ---------- helpers ----------

const fmt = (n, digits = 2) =>
  !Number.isFinite(n) ? "—" : n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(digits);
const ratioText = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : "—");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Table rows: { measure, ours, baseline, ratio, target, met }. */
const table = [];
function row(measure, ours, baseline, ratio, target, met) {
  table.push({ measure, ours, baseline, ratio, target, met });
}
const check = (ok) => (ok === null ? "n/a" : ok ? "yes" : "NO");

async function isUp(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

// ---------- processes we start (killed by process group on exit) ----------

const children = [];
function startGroup(args, opts) {
  const child = spawn(process.execPath, args, { detached: true, ...opts });
  children.push(child);
  return child;
}
async function stopGroup(child, name) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {}
  const ok = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!ok) {
    log(`${name} did not exit on SIGTERM; sending SIGKILL to its process group`);
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
    await Promise.race([exited, sleep(5000)]);
  }
}
function killAllSync() {
  for (const c of children)
    if (c.exitCode === null && c.signalCode === null)
      try {
        process.kill(-c.pid, "SIGKILL");
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

log("bundling benchmarks with esbuild into bench/out/");
const verifyMod = await bundleAndImport("verify-bench.ts", "verify-bench.mjs");
const canonMod = await bundleAndImport("canon-bench.ts", "canon-bench.mjs");
const pdfMod = await bundleAndImport("pdf.ts", "pdf.bench.mjs");

log("1. Data Integrity verification: ours vs Digital Credentials Consortium (same credentials)");
const vr = await verifyMod.runVerifyBench({ credentials: 20, samples: 15 });
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
const er = await verifyMod.runEd25519Bench({ samples: 25 });
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
const canonRows = await canonMod.runCanonBench();

log(`3b. PDF rendering (bench/pdf.ts, ${PDF_RUNS} runs per case)`);
const pdfRows = await pdfMod.runPdfBench({ runs: PDF_RUNS });
{
  const base = pdfRows[0];
  for (const r of pdfRows) {
    if (r === base) {
      row(`PDF: ${r.case}`, `${fmt(r.medianMs)} ms`, "(this is the baseline)", "1.00×", "—", "—");
      continue;
    }
    if (!/Latin|Hangul/.test(r.case)) continue;
    row(
      `PDF: ${r.case}`,
      `${fmt(r.medianMs)} ms (cold ${fmt(r.coldMs)} ms)`,
      `${fmt(base.medianMs)} ms`,
      ratioText(r.ratio),
      r.target !== undefined ? `≤ ${r.target}×` : "—",
      r.target !== undefined ? check(r.ratio <= r.target) : "—",
    );
  }
}

// ---------- 4-5: the service on loopback ----------

const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), "wego-bench-"));
let service;
let http = [];
let bulk;
let single = {};
let health;
let workerBaseline;
const serviceLog = path.join(here, "out", "service.log");
const workerBaselineLog = path.join(here, "out", "baseline-worker.log");
const workerPersist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-bench-baseline-"));
try {
  for (const [port, what] of [
    [PORT, "BENCH_PORT"],
    [BASELINE_PORT, "BENCH_BASELINE_PORT"],
    [WORKER_BASELINE_PORT, "BENCH_WORKER_BASELINE_PORT"],
  ])
    if (await isUp(`http://127.0.0.1:${port}/health`))
      throw new Error(`something already answers on port ${port}; set ${what} to a free port`);

  log(`starting the service: WEGO_PORT=${PORT} WEGO_PERSIST_TO=${persistTo} tsx scripts/dev.ts (log: ${serviceLog})`);
  const logFd = fs.openSync(serviceLog, "w");
  service = startGroup(["--import", "tsx", "scripts/dev.ts"], {
    // WEGO_RATE_LIMIT=off: the switch the bench asks scripts/dev.mjs for (no effect until it exists).
    env: { ...process.env, WEGO_PORT: String(PORT), WEGO_PERSIST_TO: persistTo, WEGO_RATE_LIMIT: "off" },
    stdio: ["ignore", logFd, logFd],
  });
  fs.closeSync(logFd);
  // The HTTP baseline Worker: same wrangler, same `wrangler dev` path, its own config (no D1/assets/vars).
  log(
    `starting the baseline Worker: wrangler dev --config bench/baseline-wrangler.toml --port ${WORKER_BASELINE_PORT} (log: ${workerBaselineLog})`,
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
  // dev.mjs prints "is running" after /health answered and the demo certificates were issued.
  for (let i = 0; ; i++) {
    if (service.exitCode !== null) throw new Error(`scripts/dev.mjs exited (${service.exitCode}); see ${serviceLog}`);
    if (/service is running/.test(fs.readFileSync(serviceLog, "utf8"))) break;
    if (i > 600) throw new Error(`the service did not start in 300 s; see ${serviceLog}`);
    await sleep(500);
  }
  const token =
    /admin token:\s+(\S+)/.exec(fs.readFileSync(serviceLog, "utf8"))?.[1] ??
    /^ADMIN_TOKEN=['"]?([^'"\n]+)/m.exec(fs.readFileSync(path.join(root, ".dev.vars"), "utf8"))?.[1];
  if (!token) throw new Error("no admin token found (dev.mjs output or .dev.vars)");
  log(`service up after ${((Date.now() - started) / 1000).toFixed(0)} s of bench time`);
  const admin = { authorization: `Bearer ${token}` };

  const issue = async (i, tag) => {
    const r = await fetch(`${BASE}/admin/certificates`, {
      method: "POST",
      headers: { ...admin, "content-type": "application/json" },
      body: JSON.stringify({
        recipient: { name: `Bench Person ${tag} ${i}`, email: `bench-${tag}-${i}@example.org` },
        achievementId: "champions-2023-online",
      }),
    });
    if (r.status !== 201) throw new Error(`POST /admin/certificates: ${r.status} ${await r.text()}`);
    return r.json();
  };

  // One certificate for the HTTP benchmarks.
  const first = await issue(0, "http");
  const id = first.id ?? first.certificateId ?? new URL(first.url).pathname.split("/").pop();
  const credRes = await fetch(`${BASE}/c/${id}`, { headers: { accept: "application/json" } });
  if (!credRes.ok) throw new Error(`GET /c/${id}: ${credRes.status}`);
  const credential = await credRes.json();
  const verifyBody = JSON.stringify({ verifiableCredential: credential });
  const check1 = await fetch(`${BASE}/credentials/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: verifyBody,
  });
  const check1Body = await check1.json();
  log(`POST /credentials/verify of the issued credential: ${check1.status} verdict=${check1Body.verdict}`);

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
    const probeBody = await probe.json();
    if (!probe.ok || probeBody.verified !== true)
      throw new Error(`baseline Worker POST /verify: ${probe.status} ${JSON.stringify(probeBody)}`);
  }
  log("4. HTTP: baseline Worker is up; starting the node:http (info) baseline (one node:crypto verify per request)");
  const baseline = startGroup(["bench/baseline-server.mjs", String(BASELINE_PORT)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    baseline.stdout.on("data", (d) => String(d).includes("ready") && resolve());
    baseline.once("exit", () => reject(new Error("baseline server exited")));
  });
  const cannon = async (url, extra) => {
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
    const w = await cannon(...c.worker);
    const o = await cannon(...c.ours);
    const b = await cannon(...c.base);
    const wd = c.workerD1 ? await cannon(...c.workerD1) : undefined;
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
    let report = await up.json();
    const uploadMs = performance.now() - t;
    let calls = 0;
    let lastLog = performance.now();
    while (!report.done) {
      const r = await fetch(`${BASE}/admin/batches/${report.id}/process`, { method: "POST", headers: admin });
      if (!r.ok) throw new Error(`POST /admin/batches/${report.id}/process: ${r.status} ${await r.text()}`);
      report = await r.json();
      calls++;
      if (performance.now() - lastLog > 15_000) {
        lastLog = performance.now();
        log(`     ${JSON.stringify(report.counts)} after ${((performance.now() - t) / 1000).toFixed(0)} s`);
      }
    }
    const seconds = (performance.now() - t) / 1000;
    bulk = { rows: ROWS, seconds, uploadMs, calls, counts: report.counts, rate: report.counts.issued / seconds };
    log(`   bulk: ${JSON.stringify(report.counts)} in ${seconds.toFixed(1)} s (${calls} process calls)`);
  }
} finally {
  if (service) {
    log("stopping the service (process group)");
    await stopGroup(service, "scripts/dev.mjs");
  }
  if (workerBaseline) await stopGroup(workerBaseline, "baseline Worker");
  fs.rmSync(persistTo, { recursive: true, force: true });
  fs.rmSync(workerPersist, { recursive: true, force: true });
}

const nonOk = (r) => r.total - r.n2xx;
const codesText = (r) =>
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
    ["sequential", single.seq],
    ["8 concurrent clients", single.conc],
  ])
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
  `- HTTP: autocannon, 10 connections, ${HTTP_SECONDS} s each, loopback, zero-429 required (WEGO_RATE_LIMIT=off); service = scripts/dev.mjs (wrangler dev, local D1) on :${PORT}; baseline = bench/baseline-worker.ts (bare Hono app, one WebCrypto Ed25519 verify of a fixed 64-byte message per request; POST parses the JSON body) under the same wrangler dev (bench/baseline-wrangler.toml, same compatibility date and flags) on :${WORKER_BASELINE_PORT}; (info) bench/baseline-server.mjs (node:http, one node:crypto Ed25519 verify per request) on :${BASELINE_PORT}. Order per case: baseline Worker, ours, node:http.`,
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
  "## Canonicalization (bench/canon-bench.ts)",
  "",
  ...canonLines,
  "",
].join("\n");
fs.writeFileSync(path.join(here, "results.md"), md);
console.log("\n" + machine.join("\n") + "\n");
console.log(lines.join("\n"));
console.log("\n" + canonLines.join("\n"));
console.log(`\n[bench] wrote bench/results.md`);
