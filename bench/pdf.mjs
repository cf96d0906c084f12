#!/usr/bin/env node
/**
 * Runs bench/pdf.ts with plain Node 20: bundles it with esbuild (dependencies stay external) into
 * bench/out/ and prints the medians. Usage: `node --expose-gc bench/pdf.mjs [runs]`.
 */
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, "out", "pdf.bench.mjs");
await build({
  entryPoints: [join(here, "pdf.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external",
  outfile,
  logLevel: "warning",
});
const { runPdfBench, measureHangulMemory } = await import(pathToFileURL(outfile).href);
const runs = Number(process.argv[2] ?? 60);
const rows = await runPdfBench({ runs });
console.table(rows);
for (const row of rows.filter((r) => r.target !== undefined))
  console.log(
    `${row.case}: ${row.ratio}x baseline (target <= ${row.target}x) ${row.ratio <= row.target ? "OK" : "MISSED"}`,
  );
console.log("memory, cold Hangul render:", await measureHangulMemory());
