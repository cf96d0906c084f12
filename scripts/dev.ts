#!/usr/bin/env -S npx tsx
/**
 * `npm start`: the embedded default. Generates a development issuer key and admin token into
 * `.dev.vars` on first run, applies the D1 migrations locally (which seed the catalogue), starts
 * `wrangler dev` on http://127.0.0.1:8787, seeds demo certificates once, and prints the URLs.
 * Messages the local email binding "sends" are copied into the outbox folder (.wrangler/outbox).
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { generateDevIdentity, newSourceSecretsKey } from "./lib/dev-identity";
import { readDevVars, writeDevVars } from "./lib/dev-vars";

// WEGO_PORT and WEGO_PERSIST_TO (a wrangler --persist-to directory) let tests run an isolated copy.
const PORT = Number(process.env.WEGO_PORT ?? 8787);
/** The `--inspector-port` argument, if any (see where wrangler dev is started). */
function inspectorPort(): string[] {
  if (process.env.WEGO_INSPECTOR_PORT) return ["--inspector-port", String(Number(process.env.WEGO_INSPECTOR_PORT))];
  if (process.env.WEGO_PORT && PORT + 20_000 <= 65_535) return ["--inspector-port", String(PORT + 20_000)];
  return [];
}
const BASE = `http://127.0.0.1:${PORT}`;
// WEGO_PUBLIC_URL: the origin the service names itself by (ids, did:web, status lists) when it is
// reached through a TLS proxy or tunnel, e.g. for the W3C test suites (scripts/w3c-suites.ts).
const PUBLIC = process.env.WEGO_PUBLIC_URL ?? BASE;
const persist = process.env.WEGO_PERSIST_TO ? ["--persist-to", process.env.WEGO_PERSIST_TO] : [];
const wrangler = ["node_modules/wrangler/bin/wrangler.js"];
// WEGO_OUTBOX, else <persist dir>/outbox, else .wrangler/outbox.
const OUTBOX = path.resolve(
  process.env.WEGO_OUTBOX ??
    (process.env.WEGO_PERSIST_TO ? path.join(process.env.WEGO_PERSIST_TO, "outbox") : ".wrangler/outbox"),
);
const log = (m: string) => console.log(`[wego] ${m}`);

// wrangler appends every line it prints (each request's log line included) to a debug log under
// ~/.config/.wrangler/logs that nothing ever removes (2.1 GB on one development machine). Unless
// WRANGLER_LOG_PATH is set: this run's copy beside the local state, the previous run's kept once.
if (!process.env.WRANGLER_LOG_PATH) {
  const file = path.resolve(process.env.WEGO_PERSIST_TO || ".wrangler", "wrangler-debug.log");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) fs.renameSync(file, file.replace(/\.log$/, ".previous.log"));
  process.env.WRANGLER_LOG_PATH = file;
}

function run(args: string[], opts: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [...wrangler, ...args], { stdio: "inherit", ...opts });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed (${r.status})`);
}

/** The email keys (issue 12), added to an existing .dev.vars when missing. */
function ensureEmailKeys(vars: Record<string, string>): Record<string, string> {
  if (vars.EMAIL_ENCRYPTION_KEY && vars.EMAIL_INDEX_KEY) return vars;
  const key = () => randomBytes(32).toString("base64url");
  const next = {
    ...vars,
    EMAIL_ENCRYPTION_KEY: vars.EMAIL_ENCRYPTION_KEY ?? `dev-${new Date().toISOString().slice(0, 10)}:${key()}`,
    EMAIL_INDEX_KEY: vars.EMAIL_INDEX_KEY ?? key(),
  };
  writeDevVars(next);
  log("generated the email encryption key (with its key id) and blind-index key into .dev.vars");
  return next;
}

async function ensureIdentity(): Promise<Record<string, string>> {
  const vars = readDevVars();
  if (vars.ISSUER_PRIVATE_KEY && vars.ISSUER_KEYS && vars.ADMIN_TOKEN) {
    if (vars.SOURCE_SECRETS_KEY) return ensureEmailKeys(vars);
    // .dev.vars from before learning-platform sources: add the key that encrypts their secrets.
    const next = { ...vars, SOURCE_SECRETS_KEY: newSourceSecretsKey() };
    writeDevVars(next);
    log("generated SOURCE_SECRETS_KEY (encrypts learning platforms' secrets) into .dev.vars");
    return ensureEmailKeys(next);
  }
  const id = await generateDevIdentity();
  fs.mkdirSync("keys", { recursive: true });
  fs.writeFileSync("keys/local.json", JSON.stringify(id.keySet, null, 2) + "\n");
  const next = {
    ...vars,
    ISSUER_PRIVATE_KEY: id.privateJwk,
    ISSUER_KEYS: id.keySetJson,
    ADMIN_TOKEN: id.adminToken,
    SOURCE_SECRETS_KEY: id.sourceSecretsKey,
  };
  writeDevVars(next);
  log(`generated a development signing key (${id.kid}) and admin token into .dev.vars`);
  return ensureEmailKeys(next);
}

async function waitForHealth(child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error("wrangler dev exited");
    try {
      const r = await fetch(`${BASE}/health`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the service did not become healthy in 120 s");
}

const DEMO = [
  { name: "김민준", achievementId: "champions-2023-online" },
  { name: "Ləman Əliyeva", achievementId: "champions-2023-workshop-baku" },
  { name: "Ελένη Παπαδοπούλου", achievementId: "champions-2023-workshop-athens" },
];

async function seedDemo(token: string) {
  const out: string[] = [];
  for (const [i, d] of DEMO.entries()) {
    const r = await fetch(`${BASE}/admin/certificates`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": `demo-${i}` },
      body: JSON.stringify({
        recipient: { name: d.name, email: `demo${i}@example.org` },
        achievementId: d.achievementId,
      }),
    });
    if (r.status !== 201) throw new Error(`demo seeding failed: ${r.status} ${await r.text()}`);
    const body = (await r.json()) as { url: string };
    out.push(`${d.name}: ${body.url}`);
  }
  return out;
}

const vars = await ensureIdentity();
log("building static assets (PDF fonts, browser verification script)");
if (spawnSync(process.execPath, ["scripts/build-assets.mjs"], { stdio: "inherit" }).status !== 0)
  throw new Error("building assets failed");
log("applying D1 migrations to the local database (.wrangler/state)");
run(["d1", "migrations", "apply", "DB", "--local", ...persist], { env: { ...process.env, CI: "true" } });

// WEGO_INSPECTOR=off: the same Worker through scripts/serve-worker.ts, without wrangler's devtools
// inspector (which relays every console.log line to Node; the benchmark measures without it).
const noInspector = process.env.WEGO_INSPECTOR === "off";
const child = spawn(
  process.execPath,
  [
    ...(noInspector
      ? ["--import", "tsx", "scripts/serve-worker.ts", "--config", "wrangler.toml"]
      : [...wrangler, "dev"]),
    "--ip",
    "127.0.0.1",
    "--port",
    String(PORT),
    ...persist,
    ...(PUBLIC === "http://127.0.0.1:8787" ? [] : ["--var", `PUBLIC_BASE_URL:${PUBLIC}`]),
    ...(process.env.WEGO_RATE_LIMIT === "off" ? ["--var", "RATE_LIMIT_PUBLIC:off"] : []),
    // Tests: simulated send failures (loopback only) and short retry delays.
    ...(process.env.WEGO_EMAIL_FAULTS === "on" ? ["--var", "EMAIL_TEST_FAULTS:on"] : []),
    // WEGO_PDF_PRERENDER=off: no background PDF renders after issue (the benchmark's 100,000-row fill).
    ...(process.env.WEGO_PDF_PRERENDER === "off" ? ["--var", "PDF_PRERENDER:off"] : []),
    ...(process.env.WEGO_EMAIL_RETRY_SECONDS
      ? ["--var", `EMAIL_RETRY_BASE_SECONDS:${Number(process.env.WEGO_EMAIL_RETRY_SECONDS)}`]
      : []),
    // workerd's inspector: WEGO_INSPECTOR_PORT for profiling (README "Benchmarks"); a copy on its own
    // WEGO_PORT gets WEGO_PORT + 20000, since wrangler's default (9229, or a free port found at start)
    // races when two copies start at once (two e2e files: "Address already in use 127.0.0.1:9229").
    ...(noInspector ? [] : [...inspectorPort(), "--show-interactive-dev-session=false"]),
  ],
  {
    stdio: ["ignore", "pipe", "pipe"],
  },
);
fs.mkdirSync(OUTBOX, { recursive: true });
// wrangler's simulated send_email writes each message to a temporary .eml file (deleted when it
// exits) and logs the path: keep a copy in the outbox.
let outboxCount = 0;
const copyMessages = (text: string) => {
  // Most output is request log lines: only text naming a message file is searched.
  if (!text.includes(".eml")) return;
  for (const m of text.replace(/\x1b\[[0-9;]*m/g, "").matchAll(/(\S+[\\/]email[\\/][0-9a-f-]+\.eml)\b/g)) {
    const file = m[1]!;
    try {
      const name = `${String(++outboxCount).padStart(5, "0")}-${path.basename(file)}`;
      fs.copyFileSync(file, path.join(OUTBOX, name));
    } catch (e) {
      console.error(`[wego] could not copy ${file} to the outbox: ${(e as Error).message}`);
    }
  }
};
const streams: [Readable | null, NodeJS.WriteStream][] = [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
];
for (const [stream, out] of streams) {
  let tail = "";
  stream?.on("data", (chunk: Buffer) => {
    out.write(chunk);
    const text = tail + chunk.toString("utf8");
    const cut = text.lastIndexOf("\n");
    copyMessages(text.slice(0, cut + 1));
    tail = text.slice(cut + 1);
  });
}
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));

await waitForHealth(child);
const demo = await seedDemo(vars.ADMIN_TOKEN!);
console.log(`
[wego] WeGO certificate service is running on ${BASE}
  health:        ${BASE}/health
  API (OpenAPI): ${BASE}/openapi.json
  DID document:  ${BASE}/.well-known/did.json
  JWKS:          ${BASE}/.well-known/jwks.json
  catalogue:     ${BASE}/achievements
  demo certificates:
    ${demo.join("\n    ")}
  staff console: ${BASE}/console  (paste the admin token as "Access token")
  admin token:   ${vars.ADMIN_TOKEN}
  find my certificates: ${BASE}/find
  local outbox:  ${OUTBOX} (every message the local email binding "sent", as .eml files)

  Issue one:
    curl -s -X POST ${BASE}/admin/certificates -H "authorization: Bearer ${vars.ADMIN_TOKEN}" \\
      -H "content-type: application/json" \\
      -d '{"recipient":{"name":"김민준","email":"minjun@example.org"},"achievementId":"champions-2023-online"}'
`);
