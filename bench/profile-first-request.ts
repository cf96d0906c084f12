/**
 * A V8 CPU profile of one request as the FIRST request of a new isolate (issue 15):
 * `npx tsx bench/profile-first-request.ts [restarts] [path] [accept]` (defaults: 3, the page of a
 * certificate issued for the run, text/html; path `verify`: POST /credentials/verify with that
 * certificate's credential, `verify-pdf`: with its PDF; `{id}` in a path stands for that certificate's id, e.g. `/c/{id}.pdf`). Starts the service as `npm run bench` does (WEGO_PORT
 * from BENCH_PORT, default 8791; workerd's inspector on WEGO_INSPECTOR_PORT, default BENCH_PORT +
 * 20000), issues one certificate, then `restarts` times: restarts the service on the same state,
 * connects to the inspector (Chrome DevTools Protocol), starts the sampling profiler (every 50 µs),
 * makes the request, stops. Prints the mean per profile of self and total time by function and by
 * bundled module (esbuild's `// path` comments in wrangler's bundle), and writes each profile to
 * bench/out/first-request-<n>.cpuprofile (open in Chrome DevTools, Performance panel).
 *
 * Sampling has overhead and the inspector is attached: read the split, not the absolute figures
 * (bench/page-cpu.ts measures the CPU as billed).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startService, type RunningService } from "../test/reliability/support/service";
import { Cdp, workerTarget, type CallFrame, type Profile } from "./cdp";
import { issueOne, routeFixture } from "./cold";

const RESTARTS = Number(process.argv[2] ?? 3);
/** BENCH_WARM_REQUESTS=n: profile n sequential requests after 50 unprofiled ones (warm), not the first. */
const WARM = Number(process.env.BENCH_WARM_REQUESTS ?? 0);
const PORT = Number(process.env.BENCH_PORT ?? 8791);
const INSPECTOR = Number(process.env.WEGO_INSPECTOR_PORT ?? PORT + 20_000);
const BASE = `http://127.0.0.1:${PORT}`;
const TOP = Number(process.env.BENCH_TOP ?? 40);
/** Longest time one sample is credited with (BENCH_GAP_MS); longer gaps are waits, not CPU. */
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 1);
const OUT = path.join(import.meta.dirname, "out");
const log = (m: string) => console.error(`[profile] ${m}`);

/** Line → module of a bundled script, from esbuild's `// <path>` comments that open each module. */
function moduleMap(source: string): (line: number) => string {
  const starts: { line: number; name: string }[] = [];
  source.split("\n").forEach((text, line) => {
    const m = /^\/\/ ((?:\.\.\/)*(?:src|node_modules|bench|assets|\.wrangler)\/\S+|\S+\.(?:ts|js|mjs|cjs|json))$/.exec(
      text,
    );
    if (m) starts.push({ line, name: m[1]!.replace(/^(?:\.\.\/)+/, "").replace(/^.*node_modules\//, "npm:") });
  });
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = "(bundle preamble)";
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]!.line <= line) {
        found = starts[mid]!.name;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

/** Self and total time (ms) by function and by module for one profile. */
function attribute(profile: Profile, moduleOf: (scriptId: string, line: number) => string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fnKey = (f: CallFrame) =>
    f.url || f.scriptId !== "0"
      ? `${f.functionName || "(anonymous)"}  [${moduleOf(f.scriptId, f.lineNumber)}:${f.lineNumber + 1}]`
      : f.functionName;
  const modKey = (f: CallFrame) => (f.url || f.scriptId !== "0" ? moduleOf(f.scriptId, f.lineNumber) : f.functionName);
  const selfFn = new Map<string, number>();
  const totalFn = new Map<string, number>();
  const selfMod = new Map<string, number>();
  const totalMod = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let sampled = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    // timeDeltas[i] is the time before sample i: sample i lasts until sample i + 1, but no longer
    // than GAP_MS (workerd's sampler skips while the isolate waits, and the gap is not this frame's).
    const ms = Math.min((profile.timeDeltas[i + 1] ?? 0) / 1000, GAP_MS);
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === "(idle)") continue;
    sampled += ms;
    add(selfFn, fnKey(node.callFrame), ms);
    add(selfMod, modKey(node.callFrame), ms);
    const seenFn = new Set<string>();
    const seenMod = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)!.callFrame;
      if (f.functionName === "(root)") continue;
      const k = fnKey(f);
      const mk = modKey(f);
      if (!seenFn.has(k)) (add(totalFn, k, ms), seenFn.add(k));
      if (!seenMod.has(mk)) (add(totalMod, mk, ms), seenMod.add(mk));
    }
  }
  return { sampled, selfFn, totalFn, selfMod, totalMod };
}

function table(title: string, self: Map<string, number>, total: Map<string, number>, n: number, top: number) {
  const rows = [...self.keys(), ...[...total.keys()].filter((k) => !self.has(k))]
    .map((k) => ({ k, self: (self.get(k) ?? 0) / n, total: (total.get(k) ?? 0) / n }))
    .sort((a, b) => b.self - a.self || b.total - a.total)
    .slice(0, top);
  console.log(`\n${title}\n| self ms | total ms | ${title.split(" ")[0]} |\n|---|---|---|`);
  for (const r of rows) console.log(`| ${r.self.toFixed(2)} | ${r.total.toFixed(2)} | ${r.k.replace(/\|/g, "\\|")} |`);
}

const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-profile-"));
const env = { WEGO_INSPECTOR_PORT: String(INSPECTOR) };
let service: RunningService | undefined;
try {
  service = await startService(PORT, persist, { rateLimitOff: true, timeoutMs: 300_000, env });
  let target = process.argv[3];
  // "verify": POST /credentials/verify with the issued certificate's credential; "verify-pdf": with its PDF.
  const verifyPdf = target === "verify-pdf";
  const verify = target === "verify" || verifyPdf;
  // "{id}" in the path: the id of a certificate issued for the run (e.g. /c/{id}.pdf).
  if (!target || verify || target.includes("{id}")) {
    const id = (await issueOne(BASE, service.adminToken)).id;
    target = target?.includes("{id}") ? target.replace("{id}", id) : `/c/${id}`;
    // A PDF downloaded once is in the PDF store: the profiled first requests read it, not render it.
    if (target.endsWith(".pdf")) await (await fetch(`${BASE}${target}`)).arrayBuffer();
  }
  const accept = process.argv[4] ?? "text/html";
  const fixture = verify ? await routeFixture(BASE, target.slice(3)) : undefined;
  const init: RequestInit = fixture
    ? {
        method: "POST",
        headers: { accept: "application/json", "content-type": verifyPdf ? "application/pdf" : "application/json" },
        body: verifyPdf ? (fixture.pdf as Uint8Array<ArrayBuffer>) : fixture.verifyBody,
      }
    : { headers: { accept } };
  if (verify) target = "/credentials/verify";
  fs.mkdirSync(OUT, { recursive: true });
  const sums = ["selfFn", "totalFn", "selfMod", "totalMod"].map(() => new Map<string, number>());
  let sampledSum = 0;
  for (let i = 0; i < RESTARTS; i++) {
    await service.stop();
    service = await startService(PORT, persist, { rateLimitOff: true, timeoutMs: 300_000, env });
    const cdp = await Cdp.connect(await workerTarget(INSPECTOR));
    for (let w = 0; WARM > 0 && w < 50; w++) await (await fetch(`${BASE}${target}`, init)).arrayBuffer();
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
    await cdp.send("Profiler.start");
    let res = await fetch(`${BASE}${target}`, init);
    await res.arrayBuffer();
    for (let w = 1; w < WARM; w++) {
      res = await fetch(`${BASE}${target}`, init);
      await res.arrayBuffer();
    }
    await new Promise((r) => setTimeout(r, 50));
    const { profile } = await cdp.send<{ profile: Profile }>("Profiler.stop");
    // The scripts' sources only now: the debugger's own work stays out of the profile.
    await cdp.send("Debugger.enable");
    await new Promise((r) => setTimeout(r, 200));
    const maps = new Map<string, (line: number) => string>();
    for (const e of cdp.events.filter((e) => e.method === "Debugger.scriptParsed")) {
      const scriptId = String(e.params.scriptId);
      const { scriptSource } = await cdp.send<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId });
      const url = String(e.params.url || `script ${scriptId}`);
      const inner = moduleMap(scriptSource);
      maps.set(scriptId, (line) => {
        const m = inner(line);
        return m === "(bundle preamble)" ? path.basename(url) : m;
      });
    }
    await cdp.send("Debugger.disable");
    cdp.close();
    const moduleOf = (scriptId: string, line: number) => maps.get(scriptId)?.(line) ?? `script ${scriptId}`;
    const a = attribute(profile, moduleOf);
    fs.writeFileSync(path.join(OUT, `first-request-${i + 1}.cpuprofile`), JSON.stringify(profile));
    log(`restart ${i + 1}: ${res.status}, ${a.sampled.toFixed(2)} ms sampled (not idle)`);
    sampledSum += a.sampled;
    [a.selfFn, a.totalFn, a.selfMod, a.totalMod].forEach((m, j) => {
      for (const [k, v] of m) sums[j]!.set(k, (sums[j]!.get(k) ?? 0) + v);
    });
  }
  console.log(
    `GET ${target} (Accept: ${accept}) ${WARM > 0 ? `× ${WARM} warm requests` : "as a new isolate's first request"}: mean of ${RESTARTS} profiles, ` +
      `${(sampledSum / RESTARTS).toFixed(2)} ms sampled (not idle)`,
  );
  table("module (mean ms per profile)", sums[2]!, sums[3]!, RESTARTS, TOP);
  table("function (mean ms per profile)", sums[0]!, sums[1]!, RESTARTS, TOP);
} finally {
  await service?.stop();
  fs.rmSync(persist, { recursive: true, force: true });
}
