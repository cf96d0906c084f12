// Bundles bench/canon-bench.ts with esbuild into bench/out/ (gitignored) and runs it:
//   node bench/canon.mjs
import { bundleAndImport } from "./bundle.mjs";

const { runCanonBench } = await bundleAndImport("canon-bench.ts", "canon-bench.mjs");
await runCanonBench();
