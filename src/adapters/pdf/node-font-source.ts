/** Node-only {@link FontSource} reading the Noto TTFs and HarfBuzz from node_modules (tests, bench, scripts). */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import FONT_FILES from "./font-files.json";
import type { FontName, FontSource } from "./types";

/** Reads fonts from `<root>/node_modules` (default: resolved from the current working directory). */
export function nodeFontSource(root: string = process.cwd()): FontSource {
  const require = createRequire(join(root, "package.json"));
  return {
    async load(name: FontName): Promise<Uint8Array> {
      const buf = await readFile(require.resolve(FONT_FILES[name]));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
    async shaper(): Promise<WebAssembly.Module> {
      // (Node's WebAssembly API; the Workers types declare only what workerd allows)
      const wasm = WebAssembly as unknown as { compile(bytes: Uint8Array): Promise<WebAssembly.Module> };
      return wasm.compile(await readFile(require.resolve("harfbuzzjs/dist/harfbuzz.wasm")));
    },
  };
}
