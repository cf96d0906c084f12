#!/usr/bin/env node
/**
 * Writes `assets/fonts/<FontName>.prepared` for the base fonts (src/adapters/pdf/prepared-font.ts):
 * their metrics, base cmap and base subset, built once here by the renderer's own code (bundled with
 * esbuild) from the fonts copied by copy-fonts.mjs, so a Worker's first PDF neither fetches nor parses
 * those font files. Run by `npm run build:assets` after copy-fonts.mjs: `node scripts/prepare-fonts.mjs [fontsDir]`.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { importTs, root } from "./lib/import-ts.mjs";
import { writeIfChanged } from "./lib/write-if-changed.mjs";

const dir = resolve(root, process.argv[2] ?? "assets/fonts");
const mod = await importTs("src/adapters/pdf/prepare-font.ts");
/** The copied font files (the ones the Worker serves); prepared data never shape text. */
const source = {
  load: async (name) => new Uint8Array(await readFile(join(dir, `${name}.ttf`))),
  shaper: async () => {
    throw new Error("prepared fonts never shape text");
  },
};
for (const name of mod.PREPARED_FONTS) {
  const bytes = await mod.prepareFont(source, name);
  await writeIfChanged(join(dir, `${name}.prepared`), bytes);
  console.log(`${name}.prepared  ${(bytes.length / 1024).toFixed(0)} KiB`);
}
