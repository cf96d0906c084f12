#!/usr/bin/env node
// `npm run deploy`: builds the static assets and deploys to the `production` environment, passing the
// committed public key set (keys/production.json) as ISSUER_KEYS. Secrets (ISSUER_PRIVATE_KEY,
// ADMIN_TOKEN) are set beforehand with `wrangler secret put … --env production`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const env = process.argv[2] ?? "production";
const keysFile = `keys/${env}.json`;
const keySet = JSON.parse(fs.readFileSync(keysFile, "utf8"));
const active = (keySet.keys ?? []).filter((k) => k.status === "active");
if (active.length !== 1) {
  console.error(
    `${keysFile} must hold exactly one active key (has ${active.length}); run: npm run cli -- keys rotate --env ${env}`,
  );
  process.exit(1);
}
const run = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(["scripts/build-assets.mjs"]);
if (JSON.parse(fs.readFileSync("assets/brand/manifest.json", "utf8")).placeholder)
  console.warn(
    "WARNING: deploying the PLACEHOLDER logo, emblem and signature; set WEGO_BRAND_DIR to WeGO's brand files (README Configuration)",
  );
run([
  "node_modules/wrangler/bin/wrangler.js",
  "deploy",
  "--env",
  env,
  "--var",
  `ISSUER_KEYS:${JSON.stringify(keySet)}`,
]);
