#!/usr/bin/env node
// Builds the Workers static assets: PDF fonts copied from npm (and the base fonts prepared), the brand files (WEGO_BRAND_DIR or the
// placeholders), and the browser verification bundle.
import { spawnSync } from "node:child_process";

for (const script of [
  "scripts/copy-fonts.mjs",
  "scripts/prepare-fonts.mjs",
  "scripts/copy-brand.mjs",
  "scripts/build-browser.mjs",
]) {
  const r = spawnSync(process.execPath, [script], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
