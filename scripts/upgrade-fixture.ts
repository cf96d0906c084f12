#!/usr/bin/env -S npx tsx
/**
 * Builds the data fixture of a release for the upgrade test (test/integration/upgrade.test.ts):
 * runs that release's own code (`npm start` of the commit, on WEGO_PORT, default 9530), drives it
 * through its own admin API like staff would (single issues with and without email, revoke,
 * suspend, unsuspend, reissue, a batch with deliveries, an erasure, PDFs, status lists, a token),
 * records what its verifier said about every certificate, and dumps its local D1 with
 * `wrangler d1 export`. Run it at each release, from the repository root:
 *
 *   npx tsx scripts/upgrade-fixture.ts <commit> <release-name>
 *
 * It writes test/integration/upgrade/<release-name>/{data.sql,release.json}. The identity in
 * release.json (signing key, email keys) is a throwaway one the release's `npm start` generated
 * for this fixture alone. If a later release changes the admin API, adapt `scenario` for the new
 * fixture only: fixtures already written stay as they are.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [commit, release] = process.argv.slice(2);
if (!commit || !release || !/^[a-z0-9][a-z0-9.-]*$/.test(release))
  throw new Error("usage: npx tsx scripts/upgrade-fixture.ts <commit> <release-name (a-z, 0-9, . -)>");
const PORT = Number(process.env.WEGO_PORT ?? 9530);
const BASE = `http://127.0.0.1:${PORT}`;
const root = process.cwd();
const out = path.join(root, "test/integration/upgrade", release);
const tree = fs.mkdtempSync(path.join(os.tmpdir(), "wego-release-"));
const log = (m: string) => console.log(`[fixture] ${m}`);

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

log(`extracting ${commit} into ${tree}`);
spawnSync("sh", ["-c", `git archive ${commit} | tar -x -C ${tree}`], { cwd: root, stdio: "inherit" });
fs.symlinkSync(path.join(root, "node_modules"), path.join(tree, "node_modules"));
const migrations = fs
  .readdirSync(path.join(tree, "migrations"))
  .filter((f) => f.endsWith(".sql"))
  .sort();

log(`starting the release's npm start on ${BASE}`);
const child = spawn(process.execPath, ["node_modules/.bin/tsx", "scripts/dev.ts"], {
  cwd: tree,
  env: { ...process.env, WEGO_PORT: String(PORT), WEGO_PERSIST_TO: "" },
  stdio: ["ignore", "pipe", "inherit"],
  detached: true,
});
let output = "";
child.stdout!.on("data", (b: Buffer) => void (output += b.toString()));
for (let i = 0; !output.includes("is running on"); i++) {
  if (i > 600 || child.exitCode !== null) throw new Error(`the release did not start:\n${output}`);
  await new Promise((r) => setTimeout(r, 500));
}

const vars = Object.fromEntries(
  fs
    .readFileSync(path.join(tree, ".dev.vars"), "utf8")
    .split("\n")
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).replace(/^'(.*)'$/, "$1")]),
);
const auth = { authorization: `Bearer ${vars.ADMIN_TOKEN}` };

async function call(method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(BASE + p, {
    method,
    headers: body === undefined ? auth : { ...auth, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (res.headers.get("content-type") ?? "").includes("json") ? res.json() : res.arrayBuffer();
}

/** What staff did with the release: every lifecycle path that writes rows. */
async function scenario() {
  const issue = (name: string, extra: object = {}) =>
    call("POST", "/admin/certificates", {
      recipient: { name, email: `${name.split(" ")[0]!.toLowerCase()}.fixture@example.org` },
      achievementId: "champions-2023-online",
      ...extra,
    });
  const revoked = await issue("Amara Okonkwo", { notify: true });
  const suspended = await issue("Nguyen Thi Lan", { validUntil: "2031-12-31" });
  const cleared = await issue("José Álvarez", { language: "ko" });
  const corrected = await issue("Olga Ivanova");
  const erased = await issue("Sara Haddad");
  await call("POST", `/admin/certificates/${revoked.id}/revoke`, { reason: "Issued in error: did not attend" });
  await call("POST", `/admin/certificates/${suspended.id}/suspend`, { reason: "Attendance under review" });
  await call("POST", `/admin/certificates/${cleared.id}/suspend`, { reason: "Attendance query" });
  await call("POST", `/admin/certificates/${cleared.id}/unsuspend`, { reason: "Attendance confirmed" });
  await call("POST", `/admin/certificates/${corrected.id}/reissue`, {
    recipient: { name: "Olga Ivanova-Petrova", email: "olga.fixture@example.org" },
    achievementId: "champions-2023-workshop-athens",
  });
  await call("POST", "/admin/participants/erase", {
    certificateId: erased.id,
    revoke: true,
    reason: "Participant asked for erasure",
  });
  const rows = ["Batch One", "Batch Two", "Batch Three", "Batch Four"].map((name, i) => ({
    name,
    email: `batch${i}.fixture@example.org`,
    achievementId: "champions-2023-workshop-baku",
    externalId: `fixture-${i}`,
  }));
  let batch = await call("POST", "/admin/batches", { rows, notify: true });
  while (!batch.done) batch = await call("POST", `/admin/batches/${batch.id}/process`);
  const issuedRows = (await call("GET", `/admin/batches/${batch.id}`)).rows as { certificateId: string }[];
  await call("POST", `/admin/certificates/${issuedRows[1]!.certificateId}/revoke`, { reason: "Duplicate entry" });
  await call("POST", "/admin/tokens", { name: "fixture reader", scopes: ["read"] });
  await call("GET", `/c/${cleared.id}.pdf`);
  for (const list of ["r1", "s1"]) await call("GET", `/status/${list}`);
}

await scenario();
// What the release's own verifier says about each certificate: the upgraded code must agree.
const listed = (await call("GET", "/admin/certificates?format=json")) as { id: string; status: string }[];
const certificates = [];
for (const c of listed) {
  const credential = await call("GET", `/c/${c.id}.json`);
  const res = await fetch(`${BASE}/credentials/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ verifiableCredential: credential }),
  });
  const v = (await res.json()) as { verified: boolean; verdict: string };
  certificates.push({ id: c.id, status: c.status, verified: v.verified, verdict: v.verdict });
}
process.kill(-child.pid!, "SIGTERM");
await new Promise((r) => child.once("exit", r));

log("exporting the release's local D1");
sh(
  process.execPath,
  ["node_modules/wrangler/bin/wrangler.js", "d1", "export", "DB", "--local", "--no-schema", "--output", "dump.sql"],
  tree,
);
// The test applies the release's migrations itself (which writes d1_migrations and the sequences).
const data = fs
  .readFileSync(path.join(tree, "dump.sql"), "utf8")
  .split("\n")
  .filter((l) => l && !/^INSERT INTO "(d1_migrations|sqlite_sequence)"/.test(l));
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, "data.sql"), data.join("\n") + "\n");
const identity = Object.fromEntries(
  ["ISSUER_PRIVATE_KEY", "ISSUER_KEYS", "SOURCE_SECRETS_KEY", "EMAIL_ENCRYPTION_KEY", "EMAIL_INDEX_KEY"].map((k) => [
    k,
    vars[k],
  ]),
);
const manifest = {
  release,
  commit: sh("git", ["rev-parse", commit], root).trim(),
  builtAt: new Date().toISOString(),
  note: "identity: a throwaway key set generated by this release's npm start for this fixture alone",
  migrations,
  env: { PUBLIC_BASE_URL: BASE, ...identity },
  certificates,
};
fs.writeFileSync(path.join(out, "release.json"), JSON.stringify(manifest, null, 2) + "\n");
fs.rmSync(tree, { recursive: true, force: true });
log(`wrote ${path.relative(root, out)}: ${certificates.length} certificates, ${data.length} rows`);
