// Bundles bench/canon-bench.ts with esbuild into bench/out/ (gitignored) and runs it:
//   node bench/canon.mjs
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
await build({
  entryPoints: [here("./canon-bench.ts")],
  outfile: here("./out/canon-bench.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
const { runCanonBench } = await import("./out/canon-bench.mjs");
await runCanonBench();
