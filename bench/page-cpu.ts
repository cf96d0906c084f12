/**
 * The certificate page's CPU alone (issue 15): `npx tsx bench/page-cpu.ts [runs] [colds]`. Starts
 * the service as `npm run bench` does (WEGO_PORT from BENCH_PORT, default 8791), issues one
 * certificate, measures the page warm (median, p99 of `runs` sequential views) beside the trivial
 * route, the JSON and the JSON verification, then restarts the service `colds` times on the same
 * state and measures the page as the first request of each new isolate (and, twice, the trivial
 * route as a new isolate's first request: the floor every route pays). Same method as
 * route-cpu.ts (workerd process CPU from /proc).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunningService } from "../test/reliability/support/service";
import { benchService } from "./processes";
import { issueOne, publicRouteCases, routeFixture, trivialCase } from "./cold";
import { cpuTable, findWorkerd, measureOnce, measureRoute } from "./route-cpu";

const RUNS = Number(process.argv[2] ?? 200);
const COLDS = Number(process.argv[3] ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 8791);
const BASE = `http://127.0.0.1:${PORT}`;
const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-page-bench-"));
const log = (m: string) => console.error(`[page-cpu] ${m}`);
let service: RunningService | undefined;
try {
  service = await benchService(PORT, persist);
  const { id } = await issueOne(BASE, service.adminToken);
  const fixture = await routeFixture(BASE, id);
  const pid = findWorkerd(service.pid);
  const byName = new Map(publicRouteCases(fixture).map((c) => [c.name, c]));
  const trivial = await measureRoute(pid, trivialCase(BASE), RUNS);
  const routes = [];
  for (const name of ["GET /c/{id} (HTML page)", "GET /c/{id}.json", "POST /credentials/verify (JSON)"])
    routes.push(await measureRoute(pid, byName.get(name)!, RUNS));
  console.log(cpuTable(trivial, routes).join("\n"));
  const page = byName.get("GET /c/{id} (HTML page)")!;
  const colds: number[] = [];
  for (let i = 0; i < COLDS; i++) {
    await service.stop();
    service = await benchService(PORT, persist);
    colds.push(await measureOnce(findWorkerd(service.pid), page));
    log(`cold ${i + 1}: ${colds.at(-1)!.toFixed(2)} ms`);
  }
  // The floor: the trivial route as a new isolate's first request (router and middleware compiled).
  const trivialColds: number[] = [];
  for (let i = 0; i < Math.min(2, COLDS); i++) {
    await service.stop();
    service = await benchService(PORT, persist);
    trivialColds.push(await measureOnce(findWorkerd(service.pid), trivialCase(BASE, "trivial")));
  }
  colds.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2);
  console.log(
    `\ncold first page view (${COLDS} new isolates), raw ms: ${colds.map(f).join(", ")}; median − trivial ${f(colds[Math.floor(colds.length / 2)]! - trivial.medianMs)}`,
  );
  console.log(`cold first request of the trivial route, raw ms: ${trivialColds.map(f).join(", ")}`);
} finally {
  await service?.stop();
  fs.rmSync(persist, { recursive: true, force: true });
}
