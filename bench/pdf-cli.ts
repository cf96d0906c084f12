/** Runs bench/pdf.ts alone and prints the medians. Usage: `npx tsx --expose-gc bench/pdf-cli.ts [runs]`. */
import { measureHangulMemory, runPdfBench } from "./pdf";

const runs = Number(process.argv[2] ?? 60);
const rows = await runPdfBench({ runs });
console.table(rows);
for (const row of rows)
  if (row.target !== undefined)
    console.log(
      `${row.case}: ${row.ratio}x baseline (target <= ${row.target}x) ${row.ratio <= row.target ? "OK" : "MISSED"}`,
    );
console.log("memory, cold Hangul render:", await measureHangulMemory());
