/**
 * `npx tsx bench/scale-cli.ts`: section 7 of `npm run bench` alone (cost per request at ~1,000 and at
 * a second size, bench/scale.ts), on a fresh service and database, for before/after comparisons of a
 * storage change without the other sections' 10+ minutes.
 *
 * Environment: BENCH_SCALE (second size, 10000), BENCH_SCALE_SAMPLES (samples per operation, 9),
 * BENCH_SCALE_BATCHES (100-row batches per size, 9), BENCH_PORT (8791).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RunningService } from "../test/reliability/support/service";
import { benchService } from "./processes";
import { log } from "./report";
import { findWorkerd } from "./route-cpu";
import { bulkIssue, fillTo, measureScale, scaleTable, type ScaleTarget } from "./scale";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
process.chdir(root);
const num = (name: string, def: number) => (process.env[name] ? Number(process.env[name]) : def);
const SCALE = num("BENCH_SCALE", 10_000);
const SAMPLES = num("BENCH_SCALE_SAMPLES", 9);
const BATCHES = num("BENCH_SCALE_BATCHES", 9);
const PORT = num("BENCH_PORT", 8791);

const persistTo = fs.mkdtempSync(path.join(os.tmpdir(), "wego-bench-scale-"));
let service: RunningService | undefined;
try {
  service = await benchService(PORT, persistTo);
  const target: ScaleTarget = {
    base: `http://127.0.0.1:${PORT}`,
    admin: { authorization: `Bearer ${service.adminToken}` },
    workerd: findWorkerd(service.pid),
  };
  await bulkIssue(target, 10, "warm-up");
  log("filling the database to 1,000 certificates");
  await fillTo(target, 1000, log);
  log("cost per request at ~1,000 certificates");
  const small = await measureScale(target, SAMPLES, BATCHES);
  log(`filling the database to ${SCALE.toLocaleString("en-US")} certificates`);
  await fillTo(target, SCALE, log);
  log("cost per request at the second size");
  const large = await measureScale(target, SAMPLES, BATCHES);
  console.log(
    `\n${new Date().toISOString()}, ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  console.log(scaleTable(small, large).join("\n"));
} finally {
  await service?.stop();
  fs.rmSync(persistTo, { recursive: true, force: true });
}
