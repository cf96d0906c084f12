/**
 * The restore drill as an operator runs it (RUNBOOK.md "Restore drill"), timed: a local D1 built by
 * the migrations and `npm start`'s own demo certificates, grown to N certificates (default 10,000)
 * by copies with their own id, name, slot, proof and VC-JWT (as incompressible as real ones) and one
 * audit row each; the nightly backup written by the service's code (services/backup.ts, through
 * Miniflare's D1); then `npm run cli -- restore --file … --local --persist-to <empty dir>`, timed.
 *
 *   npx tsx bench/restore-drill.ts [n]
 *
 * Uses WEGO_PORT (default 9530) for the short-lived `npm start`.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Miniflare } from "miniflare";
import { createStore } from "../src/adapters/storage/database";
import { writeBackup } from "../src/services/backup";
import { importBackupKey } from "../src/services/backup-format";
import type { AppDeps, BackupStorage } from "../src/services/context";
import { copyStatements } from "../test/support/certificate-copies";

const n = Number(process.argv[2] ?? 10_000);
const port = process.env.WEGO_PORT ?? "9530";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "wego-drill-"));
const source = path.join(work, "source");
const log = (m: string) => console.log(`[drill] ${m}`);

log(`npm start into ${source} (demo certificates issued by the service)`);
const dev = spawn(process.execPath, ["node_modules/.bin/tsx", "scripts/dev.ts"], {
  env: { ...process.env, WEGO_PORT: port, WEGO_PERSIST_TO: source },
  stdio: ["ignore", "pipe", "inherit"],
  detached: true,
});
let out = "";
dev.stdout!.on("data", (b: Buffer) => void (out += b.toString()));
for (let i = 0; !out.includes("is running on"); i++) {
  if (i > 600 || dev.exitCode !== null) throw new Error(`npm start failed:\n${out}`);
  await new Promise((r) => setTimeout(r, 500));
}
process.kill(-dev.pid!, "SIGTERM");
await new Promise((r) => dev.once("exit", r));

const mf = new Miniflare({
  modules: true,
  script: "export default {}",
  d1Databases: { DB: "00000000-0000-0000-0000-000000000000" },
  d1Persist: path.join(source, "v3/d1"),
});
const d1 = (await mf.getD1Database("DB")) as unknown as D1Database;
const model = await d1
  .prepare("SELECT id, credential FROM certificates ORDER BY issued_at LIMIT 1")
  .first<{ id: string; credential: string }>();
if (!model) throw new Error("no demo certificate in the local database");
const proofValue = (JSON.parse(model.credential).proof as { proofValue: string }[])[0]!.proofValue;
const columns = (await d1.prepare("PRAGMA table_info(certificates)").all<{ name: string }>()).results.map(
  (c) => c.name,
);
const existing = (await d1.prepare("SELECT count(*) AS n FROM certificates").first<number>("n"))!;
for (let done = 0; done < n - existing; done += 1000) {
  const range: [number, number] = [done + 1, Math.min(done + 1000, n - existing)];
  await d1.batch(copyStatements(d1, columns, range, model.id, proofValue));
}
const total = (await d1.prepare("SELECT count(*) AS n FROM certificates").first<number>("n"))!;

const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64");
const file = path.join(work, "backup.wegobk");
const storage: BackupStorage = {
  put: async (_name, data) => fs.writeFileSync(file, data),
  get: async () => new Uint8Array(fs.readFileSync(file)),
  list: async () => [],
  delete: async () => {},
  encryptionKey: () => importBackupKey(secret),
};
const deps = {
  store: createStore(d1),
  backups: storage,
  clock: () => new Date(),
  config: { issuerDid: "did:web:127.0.0.1%3A" + port },
} as unknown as AppDeps;
let t = Date.now();
const written = await writeBackup(deps);
log(`backup of ${total} certificates: ${Date.now() - t} ms, ${(written.bytes / 2 ** 20).toFixed(1)} MiB (Node)`);
await mf.dispose();

t = Date.now();
const restored = path.join(work, "restored");
const cli = execFileSync(
  process.execPath,
  ["node_modules/.bin/tsx", "scripts/cli.ts", "restore", "--file", file, "--local", "--persist-to", restored],
  { env: { ...process.env, WEGO_BACKUP_KEY: secret }, encoding: "utf8", maxBuffer: 1 << 26 },
);
console.log(cli.trim());
log(`npm run cli -- restore --local of ${total} certificates: ${((Date.now() - t) / 1000).toFixed(1)} s wall clock`);
fs.rmSync(work, { recursive: true, force: true });
