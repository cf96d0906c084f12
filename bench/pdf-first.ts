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
import { cpuNs, measureOnce, measureRoute, type RouteCase, type RouteCpu } from "./route-cpu";

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
  const warmStored = await measureRoute(pid, stored, warmRuns);
  const out: PdfFirstResult = { warmStored, first: [], floor: [], render: [] };
  const trivial: RouteCase = {
    name: "trivial",
    run: async () => {
      const r = await fetch(`${t.base}/x`);
      await r.arrayBuffer();
      if (r.status !== 404) throw new Error(`trivial: ${r.status}`);
    },
  };
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

/** The cold rows of a result, minus the trivial route's warm median. */
export function pdfFirstTable(r: PdfFirstResult, trivialMs: number): string[] {
  const f = (n: number) => n.toFixed(2);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const max = (xs: number[]) => Math.max(...xs);
  const row = (label: string, xs: number[], line: boolean) =>
    `| ${label} | ${f(med(xs) - trivialMs)} | ${f(max(xs) - trivialMs)} | ${xs.map(f).join(", ")} | ${line ? (max(xs) - trivialMs <= 10 ? "yes" : "NO") : "—"} |`;
  return [
    `| a new isolate's (${r.first.length} new isolates each) | CPU median − trivial (ms) | worst − trivial (ms) | raw (ms) | ≤ 10 ms? |`,
    "|---|---|---|---|---|",
    row("first request: PDF of a certificate rendered in the background after issue (R2)", r.first, true),
    row("first request: the trivial route (the floor)", r.floor, false),
    row(
      "after the trivial route: a PDF never rendered (Korean printing of an English certificate: full render)",
      r.render,
      false,
    ),
  ];
}
