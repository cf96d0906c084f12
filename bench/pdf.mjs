#!/usr/bin/env node
/**
 * Runs bench/pdf.ts with plain Node 20: bundles it with esbuild (dependencies stay external) into
 * bench/out/ and prints the medians. Usage: `node --expose-gc bench/pdf.mjs [runs]`.
 */
import { bundleAndImport } from "./bundle.mjs";

const { runPdfBench, measureHangulMemory } = await bundleAndImport("pdf.ts", "pdf.bench.mjs");
const runs = Number(process.argv[2] ?? 60);
const rows = await runPdfBench({ runs });
console.table(rows);
for (const row of rows.filter((r) => r.target !== undefined))
  console.log(
    `${row.case}: ${row.ratio}x baseline (target <= ${row.target}x) ${row.ratio <= row.target ? "OK" : "MISSED"}`,
  );
console.log("memory, cold Hangul render:", await measureHangulMemory());
