/**
 * Bundles a TypeScript bench entry with esbuild (dependencies stay external) into the gitignored
 * bench/out/ and imports it, so the benches run on plain Node 20.
 */
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** `entry` is relative to bench/, `out` a file name under bench/out/. */
export async function bundleAndImport(entry, out) {
  const outfile = join(here, "out", out);
  await build({
    entryPoints: [join(here, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}
