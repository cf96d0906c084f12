#!/usr/bin/env node
/**
 * Copies the Noto TTFs the certificate PDF adapter uses from node_modules into `assets/fonts/<FontName>.ttf`
 * (served to the Worker as static assets; the files are too big for the Worker bundle).
 * Run before dev, test and deploy: `node scripts/copy-fonts.mjs [outDir]`. Idempotent.
 */
import { copyFile, mkdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
const files = JSON.parse(await readFile(join(root, "src/adapters/pdf/font-files.json"), "utf8"));
const outDir = resolve(root, process.argv[2] ?? "assets/fonts");

await mkdir(outDir, { recursive: true });
let total = 0;
for (const [name, modulePath] of Object.entries(files)) {
  const from = require.resolve(modulePath);
  const to = join(outDir, `${name}.ttf`);
  const { size } = await stat(from);
  const existing = await stat(to).catch(() => null);
  if (!existing || existing.size !== size) await copyFile(from, to);
  total += size;
  console.log(`${name}.ttf  ${(size / 1024).toFixed(0)} KiB`);
}
console.log(`${Object.keys(files).length} fonts, ${(total / 1024 / 1024).toFixed(1)} MiB -> ${outDir}`);
