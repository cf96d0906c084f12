// Imports one of the service's TypeScript modules from a plain Node build script: bundled in memory
// with esbuild (no output files), so the scripts share the service's own code and rules.
import { build } from "esbuild";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * @param {string} path - the module, relative to the repository root (e.g. "src/adapters/pdf/png-image.ts")
 * @returns {Promise<any>} the module's exports
 */
export async function importTs(path) {
  const bundle = await build({
    entryPoints: [join(root, path)],
    bundle: true,
    platform: "node",
    format: "esm",
    write: false,
    logLevel: "warning",
  });
  return import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString("base64")}`);
}
