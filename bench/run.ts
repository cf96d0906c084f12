/**
 * `npm run bench`: every benchmark in one run, each beside a baseline or a limit measured or stated in
 * the same run. Prints the tables and writes them to bench/results.md. `npm run bench -- --quick`
 * runs the same sections with fewer samples and a 10,000-certificate second size (about 4 minutes
 * instead of about 12).
 *
 *  1-3. In process (bench/in-process.ts): Data Integrity verification vs the DCC stack, Ed25519,
 *       canonicalization, PDF rendering.
 *  4. HTTP throughput vs a bare Hono Worker under the same wrangler dev (bench/http-bench.ts).
 *  5. Issuance on local D1: bulk CSV vs single POST /admin/certificates.
 *  6. CPU per public route in workerd, warm (bench/route-cpu.ts), next to the 10 ms line.
 *  7. Cost per request at ~1,000 and ~100,000 certificates (bench/scale.ts).
 *  8. Storage per certificate (bench/storage.ts), service stopped.
 *  9. Cold isolate: the service restarted on the same state (3 times), first request of each route (bench/cold.ts).
 * 9b. A certificate's first PDF download: rendered in the background after issue, read from the PDF
 *     store as a new isolate's first request, beside a bare Worker making the same binding calls
 *     (bench/pdf-first.ts).
 * 10. Phone time-to-verdict on Chromium, slow 4G and 4× CPU slowdown (bench/phone.ts).
 * 11. Worker bundle size (gzip) and start-up CPU (bench/bundle.ts).
 *
 * Environment: BENCH_ROWS (bulk CSV rows, 10000), BENCH_SINGLE (single issuances per mode, 300),
 * BENCH_HTTP_ROUNDS (12) and
 * BENCH_HTTP_ROUND_SECONDS (2: interleaved rounds, seconds per side), BENCH_HTTP_SECONDS (4, per
 * "(info)" HTTP run), BENCH_CPU_RUNS (500), BENCH_PDF_RUNS (40), BENCH_SCALE (second database
 * size, 100000), BENCH_PORT / BENCH_BASELINE_PORT / BENCH_WORKER_BASELINE_PORT (8791 / 8792 / 8793).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startService, type RunningService } from "../test/reliability/support/service";
import { installBenchDevProxyWorkarounds } from "../test/support/dev-proxy";
import { bundleTable, measureBundle } from "./bundle";
import { coldTable, getCase, issueOne, publicRouteCases, routeFixture, trivialCase } from "./cold";
import {
  measurePdfFirst,
  measureR2Floor,
  pageFloorRows,
  pdfFirstTable,
  type PdfFirstResult,
  type R2Floor,
} from "./pdf-first";
import { baselineWorkerReady, runHttpBench, startBaselineWorker, type HttpCaseResult } from "./http-bench";
import { doneWhenTable } from "./done-when";
import { median } from "./http-rounds";
import { runInProcess } from "./in-process";
import { phoneTable, phoneTimeToVerdict, SLOW_4G, CPU_SLOWDOWN } from "./phone";
import { isolateTables, measureIsolate, type IsolateResult } from "./isolate-run";
import { isUp, benchService } from "./processes";
import { log, mainTable } from "./report";
import { runIssuance } from "./issuance";
import {
  cpuTable,
  findWorkerd,
  measureOnce,
  measureRoute,
  referenceTable,
  settle,
  type RouteCase,
  type RouteCpu,
} from "./route-cpu";
import { fillTo, measureScale, scaleTable, type ScalePoint, type ScaleTarget } from "./scale";
import { measureStorage, storageTable } from "./storage";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
process.chdir(root);

const QUICK = process.argv.includes("--quick");
const env = (name: string, def: number, quick: number) =>
  process.env[name] ? Number(process.env[name]) : QUICK ? quick : def;
const ROWS = Math.min(10_000, Math.max(1, env("BENCH_ROWS", 10_000, 1000)));
const SINGLE = Math.max(8, env("BENCH_SINGLE", 300, 20));
const HTTP_SECONDS = env("BENCH_HTTP_SECONDS", 4, 2);
const HTTP_ROUNDS = env("BENCH_HTTP_ROUNDS", 12, 6);
const HTTP_ROUND_SECONDS = env("BENCH_HTTP_ROUND_SECONDS", 2, 2);
const CPU_RUNS = env("BENCH_CPU_RUNS", 500, 60);
const COLD_STARTS = env("BENCH_COLD_STARTS", 3, 1);
const PDF_RUNS = env("BENCH_PDF_RUNS", 40, 15);
const SCALE = env("BENCH_SCALE", 100_000, 10_000);
const SCALE_SAMPLES = QUICK ? 9 : 25;
const PHONE_RUNS = QUICK ? 2 : 5;
const PORT = env("BENCH_PORT", 8791, 8791);
const NODE_PORT = env("BENCH_BASELINE_PORT", 8792, 8792);
const WORKER_PORT = env("BENCH_WORKER_BASELINE_PORT", 8793, 8793);
const FLOOR_PORT = env("BENCH_FLOOR_PORT", 8794, 8794);
/** workerd's inspector for the isolate-CPU section (scripts/dev.ts WEGO_INSPECTOR_PORT). */
const INSPECTOR_PORT = env("BENCH_INSPECTOR_PORT", PORT + 20_000, PORT + 20_000);
const BASE = `http://127.0.0.1:${PORT}`;
const started = Date.now();
// wrangler 4.79's dev proxy can drop a POST or park a GET that never reached the Worker
// (test/support/dev-proxy.ts): a parked GET would stop the run.
installBenchDevProxyWorkarounds();

if (!fs.existsSync(path.join(root, "assets", "fonts"))) {
  log("building static assets (fonts) first");
  if (spawnSync(process.execPath, ["scripts/build-assets.mjs"], { stdio: "inherit" }).status !== 0)
    throw new Error("node scripts/build-assets.mjs failed");
}

const inProcess = await runInProcess({ pdfRuns: PDF_RUNS, credentials: QUICK ? 10 : 20 });

const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), "wego-bench-"));
const workerPersist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-bench-baseline-"));
fs.mkdirSync(path.join(here, "out"), { recursive: true });
const workerLog = path.join(here, "out", "baseline-worker.log");
let service: RunningService | undefined;
let trivial: RouteCpu | undefined;
const routeCpu: RouteCpu[] = [];
const bareCpu: RouteCpu[] = [];
const cold: { name: string; ms: number[] }[] = [];
const scale: { small?: ScalePoint; large?: ScalePoint } = {};
let storage: ReturnType<typeof measureStorage> | undefined;
let phone: Awaited<ReturnType<typeof phoneTimeToVerdict>> = [];
let pdfFirst: PdfFirstResult | undefined;
let r2Floor: R2Floor | undefined;
let isolate: IsolateResult | undefined;
let http: HttpCaseResult[] = [];
const admin = () => ({ authorization: `Bearer ${service!.adminToken}` });
try {
  for (const [port, what] of [
    [PORT, "BENCH_PORT"],
    [NODE_PORT, "BENCH_BASELINE_PORT"],
    [WORKER_PORT, "BENCH_WORKER_BASELINE_PORT"],
  ] as const)
    if (await isUp(`http://127.0.0.1:${port}/health`))
      throw new Error(`something already answers on port ${port}; set ${what} to a free port`);
  // workerd's inspector answers /json (wrangler's inspector proxy): taken, the profiler would attach elsewhere.
  if (await isUp(`http://127.0.0.1:${INSPECTOR_PORT}/json`))
    throw new Error(`something already answers on port ${INSPECTOR_PORT}; set BENCH_INSPECTOR_PORT to a free port`);
  log(`starting the service (scripts/dev.ts, WEGO_PORT=${PORT}, rate limit off) and the baseline Worker`);
  const workerBaseline = startBaselineWorker(WORKER_PORT, workerPersist, workerLog, [], false);
  // Background PDF renders off while this service fills the database to 100,000 certificates: their
  // renders would share the 2 cores with the measurements. On for section 9 and after.
  service = await benchService(PORT, persistTo, { WEGO_PDF_PRERENDER: "off" });
  const issue = (i: number, tag: string) =>
    issueOne(BASE, service!.adminToken, `Bench Person ${tag} ${i}`, `bench-${tag}-${i}@example.org`);
  const first = await issue(0, "http");
  const target: ScaleTarget = { base: BASE, admin: admin(), workerd: findWorkerd(service.pid) };
  log("7a. filling the database to 1,000 certificates (CSV batches)");
  await fillTo(target, 1000, log);
  const fixture = await routeFixture(BASE, first.id);

  // ---- 6. warm CPU per route ----
  {
    const list = await fetch(`${BASE}/admin/certificates?limit=200`, { headers: admin() });
    const ids = ((await list.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    let next = 0;
    const renderEach: RouteCase = {
      name: "GET /c/{id}.pdf, another certificate each time, never rendered (a render: background renders are off in this part of the run; see the first-download table)",
      run: () => getCase("", `${BASE}/c/${ids[next++ % ids.length]}.pdf`).run(),
    };
    log(`6. warm CPU per route, workerd pid ${target.workerd}: ${CPU_RUNS} sequential requests each`);
    // The fill's last writes may still be settling in workerd (the local D1's own work): not a route's cost.
    await settle(target.workerd);
    trivial = await measureRoute(target.workerd, trivialCase(BASE), CPU_RUNS);
    for (const c of [...publicRouteCases(fixture), renderEach])
      routeCpu.push(
        await measureRoute(target.workerd, c, c === renderEach ? Math.min(CPU_RUNS, ids.length - 5) : CPU_RUNS),
      );
  }

  // ---- 4. HTTP ----
  await baselineWorkerReady(workerBaseline, WORKER_PORT, workerLog);
  {
    // The same per-request method on the bare Worker: how far its p99 sits above its median is the
    // measurement's own tail on this machine (workerd and the kernel), with no code of ours.
    const bare = findWorkerd(workerBaseline.pid!);
    await settle(bare);
    log(`6b. the same per-request CPU on the bare Worker, workerd pid ${bare}`);
    for (const [name, p] of [
      ["GET /health (no work)", "/health"],
      ["GET /verify (one WebCrypto Ed25519 verify)", "/verify"],
      ["GET /d1-cache (one D1 read, one Cache API read: the binding calls of a page view)", "/d1-cache"],
    ] as const)
      bareCpu.push(await measureRoute(bare, getCase(name, `http://127.0.0.1:${WORKER_PORT}${p}`), CPU_RUNS));
  }
  log("4. HTTP throughput");
  http = await runHttpBench({
    ours: BASE,
    oursPgid: service.pid,
    worker: `http://127.0.0.1:${WORKER_PORT}`,
    workerProcess: workerBaseline,
    nodePort: NODE_PORT,
    id: first.id,
    verifyBody: fixture.verifyBody,
    seconds: HTTP_SECONDS,
    rounds: HTTP_ROUNDS,
    roundSeconds: HTTP_ROUND_SECONDS,
  });

  log("7b. cost per request at ~1,000 certificates");
  scale.small = await measureScale(target, SCALE_SAMPLES);

  await runIssuance(target, issue, SINGLE, ROWS);

  log(`7c. filling the database to ${SCALE.toLocaleString("en-US")} certificates`);
  await fillTo(target, SCALE, log);
  log("7d. cost per request at the second size");
  scale.large = await measureScale(target, SCALE_SAMPLES);

  log("8. storage per certificate (service stopped)");
  await service.stop();
  storage = measureStorage(persistTo);

  const cases = publicRouteCases(fixture).map((c) =>
    c.name === "GET /c/{id}.pdf" ? { ...c, name: "GET /c/{id}.pdf (served before: from the PDF store)" } : c,
  );
  for (const c of cases) cold.push({ name: c.name, ms: [] });
  // One new isolate gives one noisy sample per route (first requests vary by a few ms from start to
  // start): the table takes the median of COLD_STARTS.
  for (let start = 1; start <= COLD_STARTS; start++) {
    log(`9. cold isolate ${start}/${COLD_STARTS}: restarting the service on the same state`);
    if (start > 1) await service.stop();
    service = await benchService(PORT, persistTo);
    const pid = findWorkerd(service.pid);
    for (const [i, c] of cases.entries()) cold[i]!.ms.push(await measureOnce(pid, c));
  }

  log("9b. a certificate's first PDF download (background renders on)");
  pdfFirst = await measurePdfFirst(
    {
      base: BASE,
      log,
      restart: async () => {
        await service?.stop();
        service = await benchService(PORT, persistTo);
        return findWorkerd(service.pid);
      },
      issue: async (name) => (await issueOne(BASE, service!.adminToken, name)).id,
    },
    QUICK ? 3 : 5,
    QUICK ? 50 : 100,
  );
  const sample = new Uint8Array(await (await fetch(`${BASE}/c/${pdfFirst.sampleId}.pdf`)).arrayBuffer());

  log(`9c. the Worker isolate's own CPU: V8 CPU profiles through workerd's inspector (port ${INSPECTOR_PORT})`);
  isolate = await measureIsolate(
    {
      fixture,
      inspectorPort: INSPECTOR_PORT,
      log,
      restart: async () => {
        await service?.stop();
        // As benchService, but with wrangler's inspector on (the profiler's way in).
        service = await startService(PORT, persistTo, {
          rateLimitOff: true,
          timeoutMs: 300_000,
          env: { WEGO_INSPECTOR_PORT: String(INSPECTOR_PORT) },
        });
        const pid = findWorkerd(service.pid);
        await settle(pid);
        return pid;
      },
      restartPlain: async () => {
        await service?.stop();
        service = await benchService(PORT, persistTo);
        const pid = findWorkerd(service.pid);
        await settle(pid);
        return pid;
      },
    },
    COLD_STARTS,
    CPU_RUNS,
  );
  r2Floor = await measureR2Floor(FLOOR_PORT, sample, QUICK ? 3 : 5, log);

  log(`10. phone time-to-verdict: ${PHONE_RUNS} loads of the QR URL on Chromium, slow 4G, ${CPU_SLOWDOWN}× CPU`);
  phone = await phoneTimeToVerdict(first.qrUrl, PHONE_RUNS);
} catch (e) {
  // What the service printed (the last 100–200 KB) is the first thing to read after a failure.
  if (service) {
    fs.mkdirSync(path.join(here, "out"), { recursive: true });
    fs.writeFileSync(path.join(here, "out", "service-at-failure.log"), service.log());
    log("the service's output is in bench/out/service-at-failure.log");
  }
  throw e;
} finally {
  if (service) {
    log("stopping the service (process group)");
    await service.stop();
  }
  fs.rmSync(persistTo, { recursive: true, force: true });
  fs.rmSync(workerPersist, { recursive: true, force: true });
}

log("11. Worker bundle (wrangler deploy --dry-run) and start-up CPU (wrangler check startup)");
const bundle = measureBundle(QUICK ? 1 : 3);

// ---------- report ----------

const t0 = trivial!;
const cpuLines = [...cpuTable(t0, routeCpu), ...referenceTable(bareCpu)];
const coldPage = cold.find((c) => c.name.startsWith("GET /c/{id} (HTML page)"));
const coldLines = [
  ...coldTable(cold, t0.medianMs),
  ...(coldPage && r2Floor ? pageFloorRows(median(coldPage.ms) - t0.medianMs, r2Floor) : []),
];
const phoneLines = phoneTable(phone);
const canonLines = [
  "| canonicalization case | generic jsonld (µs) | fast path (µs) | ratio fast/generic |",
  "|---|---|---|---|",
  ...inProcess.canonRows.map((r) => `| ${r.case} | ${r.genericUs} | ${r.fastUs} | ${r.ratio}× |`),
];
const cpus = os.cpus();
const machine = [
  `- machine: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores (${os.platform()} ${os.release()}); Node ${process.version}; ${new Date().toISOString()}; ${QUICK ? "--quick; " : ""}total bench time ${((Date.now() - started) / 1000).toFixed(0)} s`,
  `- ${inProcess.interop}`,
  `- Ratios: time rows ours/baseline (lower is better), rate rows ours/baseline (higher is better); every baseline measured in this run. HTTP: autocannon, 10 connections; the service and the baseline Worker alternate in ${HTTP_ROUNDS} rounds of ${HTTP_ROUND_SECONDS} s per side (A B, B A, ...), ratio = median of the per-round ratios (spread in brackets); zero 429 required (rate limit off).`,
  `- CPU: on-CPU time of the workerd process (all threads, /proc/<pid>/task/*/schedstat) around each request (bench/route-cpu.ts). Both Workers run without wrangler's devtools inspector (scripts/serve-worker.ts, WEGO_INSPECTOR=off): no debugger event per log line or D1 query. The local D1, R2 and cache simulators run inside the same workerd process, so figures for routes that use them are upper bounds.`,
  `- Isolate CPU (section 9c, bench/isolate-cpu.ts): the Worker's own isolate, from V8 CPU profiles through workerd's inspector: the CPU Cloudflare bills a request for. It leaves out miniflare's entry Worker, the D1, R2 and cache simulators and workerd's HTTP handling, which the process figures include; its calibration row compares the two methods on work inside the isolate alone. The inspector and the sampler add work of their own, most of all to a new isolate's first requests (every function compiled is also logged for the profile).`,
];
const sections: [string, string[]][] = [
  [
    "Done when (issue 15), judged from this run",
    doneWhenTable({ http, isolate, trivial, routes: routeCpu, cold, pdfFirst, r2Floor, scale, phone }),
  ],
  ["Main table", mainTable()],
  [`CPU per public route, warm (${CPU_RUNS} sequential requests each, after 5 unmeasured)`, cpuLines],
  [
    `Cold isolate (service restarted on the same state ${COLD_STARTS} times; first request of each route, in this order, in each new isolate)`,
    coldLines,
  ],
  [
    `The Worker's isolate: CPU per request from V8 CPU profiles (bench/isolate-cpu.ts; ${CPU_RUNS} warm requests per route, ${COLD_STARTS} pairs of new isolates)`,
    isolate ? isolateTables(isolate) : ["(not measured)"],
  ],
  [
    "A certificate's first PDF download (rendered in the background after issue; bench/pdf-first.ts)",
    pdfFirst ? pdfFirstTable(pdfFirst, r2Floor) : ["(not measured)"],
  ],
  [
    `Cost per request: ${scale.small?.certificates.toLocaleString("en-US")} vs ${scale.large?.certificates.toLocaleString("en-US")} certificates (same service, fresh certificates for reads and verifications)`,
    scale.small && scale.large ? scaleTable(scale.small, scale.large) : ["(not measured)"],
  ],
  ["Storage per certificate (local D1 after the scale run)", storage ? storageTable(storage) : ["(not measured)"]],
  [
    `Phone time-to-verdict (Chromium, ${SLOW_4G.latency} ms latency, ${SLOW_4G.downloadKbps} kbit/s down, ${SLOW_4G.uploadKbps} kbit/s up, ${CPU_SLOWDOWN}× CPU slowdown, fresh context per run)`,
    phoneLines,
  ],
  ["Worker bundle and start-up", bundleTable(bundle)],
  ["Canonicalization (bench/canon-bench.ts)", canonLines],
];
const text = sections.map(([title, lines]) => `## ${title}\n\n${lines.join("\n")}`).join("\n\n");
fs.writeFileSync(
  path.join(here, "results.md"),
  `# Benchmark results (\`npm run bench\`)\n\n${machine.join("\n")}\n\n${text}\n`,
);
console.log(`\n${machine.join("\n")}\n\n${text}\n\n[bench] wrote bench/results.md`);
