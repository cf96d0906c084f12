#!/usr/bin/env node
/**
 * Publishes the brand files (logo, emblem, signature) as Workers static assets under
 * `assets/brand/`, with `assets/brand/manifest.json`. Source: `WEGO_BRAND_DIR` (the deployment's
 * own files, which may live outside git), else the committed placeholders in `brand/placeholder`.
 * Every file is checked by src/adapters/brand/brand-directory.ts (bundled here with esbuild, so the
 * script and the service share one set of rules). Each PNG is also written prepared for the PDF
 * (`<name>.pdf-image`: decoded, downscaled to 300 dpi of the box it is drawn in and re-compressed
 * once here, by src/adapters/pdf/png-image.ts, instead of in a Worker's first render). Run by
 * `npm run build:assets`. Idempotent.
 */
import { mkdir, readdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { importTs, root } from "./lib/import-ts.mjs";
import { writeIfChanged } from "./lib/write-if-changed.mjs";

const mod = await importTs("src/adapters/brand/brand-directory.ts");
const png = await importTs("src/adapters/pdf/png-image.ts");
const { BRAND_BOXES } = await importTs("src/adapters/pdf/layout.ts");
const dir = mod.brandDirectory(root);
let brand;
try {
  brand = await mod.readBrandDirectory(dir);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const outDir = join(root, "assets/brand");
await mkdir(outDir, { recursive: true });
// Drop files from a previous brand set (e.g. an SVG the new set does not supply).
const prepared = new Map();
for (const [name, bytes] of brand.files)
  if (name.endsWith(".png")) {
    const box = BRAND_BOXES[name.replace(/\.png$/, "")];
    if (!box) throw new Error(`copy-brand: no drawn box for ${name} (src/adapters/pdf/layout.ts BRAND_BOXES)`);
    prepared.set(name.replace(/\.png$/, ".pdf-image"), await png.preparePngImage(bytes, box));
  }
const keep = (f) => brand.files.has(f) || prepared.has(f) || f === "manifest.json";
for (const f of await readdir(outDir)) if (!keep(f)) await rm(join(outDir, f));
for (const [name, bytes] of [...brand.files, ...prepared]) await writeIfChanged(join(outDir, name), bytes);
await writeIfChanged(join(outDir, "manifest.json"), JSON.stringify(brand.manifest, null, 2) + "\n");
const label = brand.manifest.placeholder ? "PLACEHOLDER brand files" : "brand files";
console.log(`${brand.files.size} ${label} from ${relative(root, dir) || dir} -> ${relative(root, outDir)}`);
