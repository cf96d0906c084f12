#!/usr/bin/env node
// Bundles the public pages' browser code with esbuild into the Workers static-assets directory:
//   src/browser/verify.ts -> assets/static/verify.js  (page script, ES module)
//   src/browser/sw.ts     -> assets/c/sw.js           (service worker; under /c/ so its scope can be /c/)
// Both outputs are generated (gitignored). Run: node scripts/build-browser.mjs [--watch]
import { build, context } from "esbuild";
import path from "node:path";
import { writeIfChanged } from "./lib/write-if-changed.mjs";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const common = {
  bundle: true,
  platform: "browser",
  target: ["es2022", "chrome109", "safari16", "firefox115"],
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "info",
  absWorkingDir: root,
};
const targets = [
  { ...common, entryPoints: ["src/browser/verify.ts"], outfile: "assets/static/verify.js", format: "esm" },
  { ...common, entryPoints: ["src/browser/sw.ts"], outfile: "assets/c/sw.js", format: "iife" },
];

if (process.argv.includes("--watch")) {
  for (const t of targets) await (await context(t)).watch();
} else {
  // Built in memory and written only when changed (see lib/write-if-changed.mjs).
  const results = await Promise.all(targets.map((t) => build({ ...t, write: false })));
  for (const file of results.flatMap((r) => r.outputFiles)) await writeIfChanged(file.path, file.contents);
}
