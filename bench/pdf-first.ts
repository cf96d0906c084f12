/**
 * A certificate's first PDF download (issue 15), as the service runs by default: new certificates'
 * PDFs are rendered in the background after issue (the delivery queue) into the PDF store (R2), so
 * a download in a new isolate is a stored read. Measured, with the service's `Server-Timing: pdf;desc=`
 * header checked on every measured request (a request that did not come from where its row says
 * fails the run instead of being mislabelled):
 * - warm: a stored PDF of another certificate each time (each certificate's first download here);
 * - per round, two restarts on the same state (a new workerd, a new isolate): a stored PDF as the
 *   isolate's first request; then the trivial route as the first request (the floor) followed by a
 *   PDF never rendered (the Korean printing of a certificate issued in English: a full render).
 * Same method as route-cpu.ts (workerd process CPU from /proc).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { baselineWorkerListening, startBaselineWorker } from "./http-bench";
import { stopGroup } from "./processes";
import { trivialCase } from "./cold";
import { awaitWorkerd, measureOnce, measureRoute, settle, type RouteCase, type RouteCpu } from "./route-cpu";

/** What the measurement needs from the running service. */
export interface PdfFirstTarget {
  base: string;
  /** Restarts the service on the same state (background renders on); resolves to the workerd pid. */
  restart: () => Promise<number>;
  /** Issues one certificate in English through POST /admin/certificates; resolves to its id. */
  issue: (name: string) => Promise<string>;
  log: (m: string) => void;
}

/** The measured rows: CPU of each sample in ms (raw), and the warm stored row. */
export interface PdfFirstResult {
  /** A certificate whose PDF is stored (for a PDF-sized sample). */
  sampleId: string;
  /** The trivial route's warm median in the same service (subtracted in the table). */
  trivialMs: number;
  warmStored: RouteCpu;
  first: number[];
  floor: number[];
  render: number[];
}

/** A PDF download whose `Server-Timing` must name `source`. */
export function pdfCase(name: string, url: string, source: "store" | "render" | "memory" | "edge"): RouteCase {
  return {
    name,
    run: async () => {
      const r = await fetch(url);
      await r.arrayBuffer();
      const got = r.headers.get("server-timing");
      if (r.status !== 200 || got !== `pdf;desc=${source}`)
        throw new Error(`${name}: ${r.status}, Server-Timing ${got}, expected pdf;desc=${source}`);
    },
  };
}

const f = (n: number) => n.toFixed(2);
/** The middle sample (the upper one of an even count). */
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Measures the first PDF downloads; `rounds` restarts pairs, `warmRuns` stored downloads warm. */
export async function measurePdfFirst(t: PdfFirstTarget, rounds: number, warmRuns: number): Promise<PdfFirstResult> {
  let pid = await t.restart();
  const ids: string[] = [];
  for (let i = 0; i < rounds + warmRuns + 5; i++) ids.push(await t.issue(`Pdf First ${i}`));
  t.log(`${ids.length} certificates issued; waiting for their background renders`);
  await settle(pid);
  const warm = ids.slice(rounds);
  let next = 0;
  const stored: RouteCase = {
    name: "GET /c/{id}.pdf, another certificate each time, rendered in the background after issue (R2)",
    run: () => pdfCase("stored PDF", `${t.base}/c/${warm[next++]}.pdf`, "store").run(),
  };
  const trivial = trivialCase(t.base, "trivial");
  const trivialMs = (await measureRoute(pid, trivial, 100)).medianMs;
  const warmStored = await measureRoute(pid, stored, warmRuns);
  const out: PdfFirstResult = { sampleId: warm[0]!, trivialMs, warmStored, first: [], floor: [], render: [] };
  for (let i = 0; i < rounds; i++) {
    pid = await t.restart();
    out.first.push(await measureOnce(pid, pdfCase("first stored PDF", `${t.base}/c/${ids[i]}.pdf`, "store")));
    pid = await t.restart();
    out.floor.push(await measureOnce(pid, trivial));
    out.render.push(await measureOnce(pid, pdfCase("never rendered", `${t.base}/c/${ids[i]}.pdf?lang=ko`, "render")));
    t.log(
      `round ${i + 1}: first stored ${out.first.at(-1)!.toFixed(1)} / floor ${out.floor.at(-1)!.toFixed(1)} / render ${out.render.at(-1)!.toFixed(1)} ms`,
    );
  }
  return out;
}

/** How every bare-Worker floor request below was preceded (see {@link measureR2Floor}'s `start`). */
const AFTER_D1 = " (each after one unmeasured D1 call, as the service's start-up makes)";

/**
 * The cold table's page row beside the same floor: a bare Worker's first request making the page's
 * binding calls (one D1 read, one Cache API read), minus its first `GET /health`.
 */
export function pageFloorRows(pageFirstMs: number, floor: R2Floor): string[] {
  const bindings = med(floor.page) - med(floor.health);
  const ours = pageFirstMs - bindings;
  return [
    `| (baseline) a bare Worker's first request making the page's binding calls (one D1 read, one Cache API read), minus its first \`GET /health\`${AFTER_D1} (median of ${floor.page.length}: ${floor.page.map(f).join(", ")}) | ${f(med(floor.page))} | ${f(bindings)} | — |`,
    `| GET /c/{id} (HTML page), minus that binding floor (the service's own work) | — | ${f(ours)} | ${ours <= 10 ? "yes" : "NO"} |`,
  ];
}

/** The cold rows of a result, minus the trivial route's warm median. */
export function pdfFirstTable(r: PdfFirstResult, floor?: R2Floor): string[] {
  const trivialMs = r.trivialMs;
  const max = (xs: number[]) => Math.max(...xs);
  const row = (label: string, xs: number[], line: boolean) =>
    `| ${label} | ${f(med(xs) - trivialMs)} | ${f(max(xs) - trivialMs)} | ${xs.map(f).join(", ")} | ${line ? (max(xs) - trivialMs <= 10 ? "yes" : "NO") : "—"} |`;
  const w = r.warmStored;
  return [
    `Trivial route's warm median in this service: ${f(trivialMs)} ms (subtracted). Warm, ${w.samples} requests, ${w.name}: median − trivial ${f(w.medianMs - trivialMs)} ms, p99 − trivial ${f(w.p99Ms - trivialMs)} ms.`,
    "",
    `| a new isolate's (${r.first.length} new isolates each) | CPU median − trivial (ms) | worst − trivial (ms) | raw (ms) | ≤ 10 ms? |`,
    "|---|---|---|---|---|",
    row("first request: PDF of a certificate rendered in the background after issue (R2)", r.first, true),
    row("first request: the trivial route (the floor)", r.floor, false),
    row(
      "after the trivial route: a PDF never rendered (Korean printing of an English certificate: full render)",
      r.render,
      false,
    ),
    ...(floor ? r2FloorRows(r, trivialMs, floor) : []),
  ];
}

function r2FloorRows(r: PdfFirstResult, trivialMs: number, floor: R2Floor): string[] {
  const r2 = med(floor.read) - med(floor.health);
  const all = med(floor.bindings) - med(floor.health);
  const ours = med(r.first) - trivialMs - all;
  return [
    `| (baseline) a bare Worker's first request reading the same PDF from local R2, minus its first \`GET /health\`${AFTER_D1} | ${f(r2)} | — | ${floor.read.map(f).join(", ")} / ${floor.health.map(f).join(", ")} | — |`,
    `| (baseline) a bare Worker's first request making the download's binding calls (two D1 reads, the R2 read, a small Cache API write), minus its first \`GET /health\`${AFTER_D1} | ${f(all)} | — | ${floor.bindings.map(f).join(", ")} | — |`,
    `| first request: stored PDF, minus that binding floor (the service's own work) | ${f(ours)} | — | — | ${ours <= 10 ? "yes" : "NO"} |`,
  ];
}

/** A new isolate's first request in a bare Worker (bench/baseline-worker.ts): the trivial route, and a read of a PDF-sized R2 object. */
export interface R2Floor {
  health: number[];
  read: number[];
  /** First request doing the stored-PDF download's binding calls: two D1 reads, the R2 read, a small Cache API write. */
  bindings: number[];
  /** First request doing the certificate page's binding calls: one D1 read, one Cache API read. */
  page: number[];
}

/**
 * The local R2 simulator's share of a first stored-PDF download: under wrangler dev, R2 is a
 * simulator running inside the same workerd process (its start-up and every read count in the
 * process CPU measured here), while on Cloudflare R2 runs elsewhere. A bare Worker stores `bytes`
 * once, then per round is restarted for each first request (`GET /health`, `GET /r2`, the download's and
 * the page's binding calls), each after one unmeasured D1 call as the service's start-up makes.
 */
export async function measureR2Floor(
  port: number,
  bytes: Uint8Array,
  rounds: number,
  log: (m: string) => void,
): Promise<R2Floor> {
  const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-r2-floor-"));
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(persist, "baseline-worker.log");
  const start = async () => {
    const child = startBaselineWorker(port, persist, logFile, [], false);
    await baselineWorkerListening(child, logFile);
    // No request yet: the user Worker's workerd may still be starting (route-cpu.ts workerWorkerd).
    const pid = await awaitWorkerd(child.pid!);
    // workerd is still starting for about half a second after "Ready on" (2–10 ms of CPU): the
    // service's first requests are measured on an idle workerd, so these are too.
    await settle(pid);
    // Every service isolate the bench measures has already made D1 calls (scripts/dev.ts's health
    // check and demo seeding), which start the local D1 simulator: one here too, unmeasured, so
    // that the floor holds the simulators new to both (R2, the Cache API), not D1's start as well.
    const d1 = await fetch(`${base}/d1`);
    if (!d1.ok) throw new Error(`GET /d1: ${d1.status}`);
    await d1.arrayBuffer();
    await settle(pid);
    return { child, pid };
  };
  const out: R2Floor = { health: [], read: [], bindings: [], page: [] };
  try {
    let w = await start();
    const put = await fetch(`${base}/r2`, { method: "PUT", body: bytes as Uint8Array<ArrayBuffer> });
    if (!put.ok) throw new Error(`PUT /r2: ${put.status}`);
    const once = async (pid: number, url: string) =>
      measureOnce(pid, {
        name: url,
        run: async () => {
          const r = await fetch(url);
          await r.arrayBuffer();
          if (!r.ok) throw new Error(`${url}: ${r.status}`);
        },
      });
    for (let i = 0; i < rounds; i++) {
      await stopGroup(w.child, "baseline Worker", log);
      w = await start();
      out.health.push(await once(w.pid, `${base}/health`));
      await stopGroup(w.child, "baseline Worker", log);
      w = await start();
      out.read.push(await once(w.pid, `${base}/r2`));
      await stopGroup(w.child, "baseline Worker", log);
      w = await start();
      out.bindings.push(await once(w.pid, `${base}/r2-d1-cache`));
      await stopGroup(w.child, "baseline Worker", log);
      w = await start();
      out.page.push(await once(w.pid, `${base}/d1-cache`));
    }
    await stopGroup(w.child, "baseline Worker", log);
  } finally {
    fs.rmSync(persist, { recursive: true, force: true });
  }
  return out;
}
