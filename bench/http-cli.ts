/**
 * The HTTP section of `npm run bench` alone: `npx tsx bench/http-cli.ts` (about 2 minutes).
 * Starts the service as `npm start` does (fresh state, rate limit off; BENCH_PORT, default 8791),
 * the baseline Worker (BENCH_WORKER_BASELINE_PORT, 8793) and the node:http baseline
 * (BENCH_BASELINE_PORT, 8792), issues one certificate, and runs bench/http-bench.ts: the service and
 * the baseline Worker in interleaved rounds (BENCH_HTTP_ROUNDS, 12; BENCH_HTTP_ROUND_SECONDS, 2),
 * then the "(info)" runs (BENCH_HTTP_SECONDS, 4). Prints the table and every round.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunningService } from "../test/reliability/support/service";
import { issueOne, routeFixture } from "./cold";
import { baselineWorkerReady, runHttpBench, startBaselineWorker } from "./http-bench";
import { isUp, benchService } from "./processes";
import { mainTable } from "./report";

const num = (name: string, def: number) => (process.env[name] ? Number(process.env[name]) : def);
const PORT = num("BENCH_PORT", 8791);
const NODE_PORT = num("BENCH_BASELINE_PORT", 8792);
const WORKER_PORT = num("BENCH_WORKER_BASELINE_PORT", 8793);
const BASE = `http://127.0.0.1:${PORT}`;
const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-http-bench-"));
const workerPersist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-http-bench-baseline-"));
const workerLog = path.join(persist, "baseline-worker.log");
let service: RunningService | undefined;
try {
  for (const port of [PORT, NODE_PORT, WORKER_PORT])
    if (await isUp(`http://127.0.0.1:${port}/health`)) throw new Error(`something already answers on port ${port}`);
  const worker = startBaselineWorker(WORKER_PORT, workerPersist, workerLog, [], false);
  service = await benchService(PORT, persist);
  const { id } = await issueOne(BASE, service.adminToken);
  const fixture = await routeFixture(BASE, id);
  await baselineWorkerReady(worker, WORKER_PORT, workerLog);
  const results = await runHttpBench({
    ours: BASE,
    oursPgid: service.pid,
    worker: `http://127.0.0.1:${WORKER_PORT}`,
    workerProcess: worker,
    nodePort: NODE_PORT,
    id,
    verifyBody: fixture.verifyBody,
    seconds: num("BENCH_HTTP_SECONDS", 4),
    rounds: num("BENCH_HTTP_ROUNDS", 12),
    roundSeconds: num("BENCH_HTTP_ROUND_SECONDS", 2),
  });
  console.log(`\n${mainTable().join("\n")}\n`);
  for (const c of results) {
    console.log(`${c.name}: round, ours req/s, baseline req/s, ratio, ours CPU ms/req, baseline CPU ms/req`);
    c.rounds.ours.forEach((o, i) => {
      const b = c.rounds.base[i]!;
      console.log(
        `  ${i + 1} ${o.ok.toFixed(0)} ${b.ok.toFixed(0)} ${c.rounds.ratios[i]!.toFixed(2)} ${o.cpuMsPerRequest.toFixed(2)} ${b.cpuMsPerRequest.toFixed(2)}`,
      );
    });
  }
} finally {
  await service?.stop();
  fs.rmSync(persist, { recursive: true, force: true });
  fs.rmSync(workerPersist, { recursive: true, force: true });
}
