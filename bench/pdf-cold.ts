/**
 * A certificate's first PDF download (issue 15): `npx tsx bench/pdf-cold.ts [rounds]` (about 1
 * minute per round). Starts the service as `npm run bench` does (WEGO_PORT from BENCH_PORT, default
 * 8791; background PDF renders on, as `npm start` runs), then bench/pdf-first.ts: stored PDFs warm, and per round a stored PDF as a new isolate's
 * first request, the trivial route as one, and a never-rendered PDF after it. Figures "− trivial"
 * subtract the trivial route's warm median.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunningService } from "../test/reliability/support/service";
import { benchService } from "./processes";
import { issueOne } from "./cold";
import { measurePdfFirst, measureR2Floor, pdfFirstTable } from "./pdf-first";
import { findWorkerd } from "./route-cpu";

const ROUNDS = Number(process.argv[2] ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 8791);
const BASE = `http://127.0.0.1:${PORT}`;
const persist = fs.mkdtempSync(path.join(os.tmpdir(), "wego-pdf-cold-"));
const log = (m: string) => console.error(`[pdf-cold] ${m}`);
let service: RunningService | undefined;
const restart = async () => {
  await service?.stop();
  service = await benchService(PORT, persist);
  return findWorkerd(service.pid);
};
try {
  const result = await measurePdfFirst(
    {
      base: BASE,
      restart,
      log,
      issue: async (name) => (await issueOne(BASE, service!.adminToken, name)).id,
    },
    ROUNDS,
    100,
  );
  const sample = new Uint8Array(await (await fetch(`${BASE}/c/${result.sampleId}.pdf`)).arrayBuffer());
  await service?.stop();
  service = undefined;
  log("the local R2 simulator's floor: a bare Worker's first read of a PDF-sized object");
  const floor = await measureR2Floor(PORT + 2, sample, ROUNDS, log);
  console.log(pdfFirstTable(result, floor).join("\n"));
} finally {
  await service?.stop();
  fs.rmSync(persist, { recursive: true, force: true });
}
