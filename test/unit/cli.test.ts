/**
 * The admin CLI (scripts/cli.ts, through tsx), run as a child process against a fake admin API on 127.0.0.1
 * that mimics the batch endpoints (100 rows per processing call) and the status endpoints.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateDevIdentity } from "../../scripts/lib/dev-identity";
import { readDevVars } from "../../scripts/lib/dev-vars";
import { loadSigner, parseKeySet } from "../../src/adapters/crypto/keys";

const CLI = path.resolve(__dirname, "../../scripts/cli.ts");
// tsx's loader by absolute URL: the CLI runs from temporary directories outside the repository.
const TSX = pathToFileURL(path.resolve(__dirname, "../../node_modules/tsx/dist/loader.mjs")).href;
const TOKEN = "wego_test-token-123";
const CERT_ID = "AbCdEfGhIjKlMnOpQrStUv";

interface Row {
  line: number;
  externalId: string | null;
  state: "pending" | "issued" | "existing" | "failed";
  certificateId: string | null;
  url: string | null;
  errors: { field: string | null; message: string }[];
}
interface Seen {
  method: string;
  url: string;
  auth: string | undefined;
  type: string | undefined;
  idempotencyKey: string | undefined;
  body: string;
}

const seen: Seen[] = [];
const batches = new Map<string, Row[]>();
let unavailableOnce = false;
let server: http.Server;
let base: string;
let tmp: string;

function report(id: string) {
  const rows = batches.get(id)!;
  const counts = { pending: 0, issued: 0, existing: 0, failed: 0 };
  for (const r of rows) counts[r.state]++;
  return { id, total: rows.length, counts, done: counts.pending === 0 };
}

function processChunk(id: string) {
  let settled = 0;
  for (const r of batches.get(id)!) {
    if (r.state !== "pending" || settled === 100) continue;
    settled++;
    r.state = r.externalId!.startsWith("old-") ? "existing" : "issued";
    r.certificateId = `cert${String(r.line).padStart(18, "0")}`;
    r.url = `${base}/c/${r.certificateId}`;
  }
  return settled;
}

function send(res: http.ServerResponse, status: number, body: unknown, type = "application/json") {
  res.writeHead(status, { "content-type": type });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

const problem = (res: http.ServerResponse, status: number, code: string, detail: string) =>
  send(res, status, { type: "urn:x", title: code, status, code, detail }, "application/problem+json");

function handle(req: http.IncomingMessage, body: string, res: http.ServerResponse) {
  const url = new URL(req.url!, base);
  seen.push({
    method: req.method!,
    url: url.pathname + url.search,
    auth: req.headers.authorization,
    type: req.headers["content-type"],
    idempotencyKey: req.headers["idempotency-key"] as string | undefined,
    body,
  });
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return problem(res, 401, "ERR_UNAUTHORIZED", "Unknown token");
  const p = url.pathname;
  if (req.method === "POST" && p === "/admin/batches") {
    if (!req.headers["content-type"]?.startsWith("text/csv")) return problem(res, 415, "ERR_UNSUPPORTED", "csv");
    const lines = body.split(/\r?\n/);
    if (lines[0] !== "name,email,achievementId,externalId")
      return problem(res, 400, "ERR_BATCH_FILE", "ERR_CSV_MISSING_COLUMNS: the header lacks externalId");
    const rows: Row[] = [];
    lines.slice(1).forEach((l, i) => {
      if (!l) return;
      const [, email, , externalId] = l.split(",");
      const bad = !email!.includes("@");
      rows.push({
        line: i + 2,
        externalId: bad ? null : externalId!,
        state: bad ? "failed" : "pending",
        certificateId: null,
        url: null,
        errors: bad ? [{ field: "email", message: "not an email address" }] : [],
      });
    });
    const id = `batch${batches.size + 1}`;
    batches.set(id, rows);
    processChunk(id);
    return send(res, 202, { ...report(id), process: `/admin/batches/${id}/process` });
  }
  let m = /^\/admin\/batches\/([^/]+)\/process$/.exec(p);
  if (req.method === "POST" && m) {
    if (unavailableOnce) {
      unavailableOnce = false;
      res.writeHead(503, { "content-type": "application/problem+json", "retry-after": "0" });
      return res.end(JSON.stringify({ code: "ERR_UNAVAILABLE", detail: "busy" }));
    }
    const settled = processChunk(m[1]!);
    return send(res, 200, { ...report(m[1]!), settled });
  }
  m = /^\/admin\/batches\/([^/.]+)(\.csv)?$/.exec(p);
  if (req.method === "GET" && m) {
    const rows = batches.get(m[1]!);
    if (!rows) return problem(res, 404, "ERR_NOT_FOUND", "No batch with this id");
    if (m[2])
      return send(
        res,
        200,
        [
          "line,externalId,state,certificateId,url,errors",
          ...rows.map((r) => `${r.line},${r.externalId ?? ""},${r.state},,,`),
        ].join("\r\n") + "\r\n",
        "text/csv; charset=utf-8",
      );
    return send(res, 200, { ...report(m[1]!), rows });
  }
  m = /^\/admin\/certificates\/([^/]+)\/(revoke|suspend|unsuspend)$/.exec(p);
  if (req.method === "POST" && m) {
    const status = { revoke: "revoked", suspend: "suspended", unsuspend: "active" }[m[2]!];
    return send(res, 200, { id: m[1], status, reason: JSON.parse(body).reason, changedAt: "2026-01-01T00:00:00Z" });
  }
  if (req.method === "POST" && p === "/admin/certificates")
    return send(res, 201, { id: CERT_ID, url: `${base}/c/${CERT_ID}`, pdfUrl: `${base}/c/${CERT_ID}.pdf` });
  if (req.method === "POST" && p === "/admin/tokens")
    return send(res, 201, { id: "tok1", ...JSON.parse(body), token: "wego_tok1.secret" });
  if (req.method === "GET" && p === "/admin/audit")
    return send(res, 200, {
      entries: [{ seq: 7, at: "2026-01-01T00:00:00Z", actor: "bootstrap", action: "token.create", target: "tok1" }],
      next: "/admin/audit?limit=1&before=7",
    });
  return problem(res, 404, "ERR_NOT_FOUND", "no route");
}

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Result> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...opts.env };
  return new Promise((resolve) => {
    // Generous: on 2 busy cores a Node start plus key generation has taken over 15 s (seen once in
    // 20 full-suite runs); a timeout reports itself instead of passing for a failed exit code.
    execFile(
      process.execPath,
      ["--import", TSX, CLI, ...args],
      { cwd: opts.cwd ?? tmp, env, timeout: 45_000 },
      (err, stdout, stderr) =>
        resolve({
          code: err ? ((err as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr: err && (err as { killed?: boolean }).killed ? `${stderr}\n(killed after 45 s)` : stderr,
        }),
    );
  });
}

const auth = ["--url", "", "--token", TOKEN];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (body += c));
    req.on("end", () => handle(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  auth[1] = base;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wego-cli-"));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});

beforeEach(() => {
  seen.length = 0;
});

function writeCsv(name: string, rows: number, bad: number[] = [], existing: number[] = []) {
  const lines = ["name,email,achievementId,externalId"];
  for (let i = 1; i <= rows; i++)
    lines.push(
      `Person ${i},${bad.includes(i) ? "nope" : `p${i}@example.org`},champions-2023-online,${existing.includes(i) ? "old-" : "x-"}${i}`,
    );
  const file = path.join(tmp, name);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("issue --csv", () => {
  it("uploads, processes 250 rows in chunks, retries a 503, summarises and writes the results CSV", async () => {
    const file = writeCsv("participants.csv", 250, [5, 17, 230], [1, 2, 3, 4]);
    unavailableOnce = true;
    const r = await cli(["issue", "--csv", file, ...auth]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/Batch batch\d+: 250 rows in /);
    expect(r.stdout).toMatch(/issued\s+243\n/);
    expect(r.stdout).toMatch(/already issued\s+4\n/);
    expect(r.stdout).toMatch(/failed\s+3\n/);
    expect(r.stdout).toContain("line 6: email: not an email address");
    expect(r.stdout).toContain("line 231: email: not an email address");
    const out = path.join(tmp, "participants.results.csv");
    expect(r.stdout).toContain(`Results: ${out}`);
    const csv = fs.readFileSync(out, "utf8").trim().split("\r\n");
    expect(csv).toHaveLength(251);
    expect(csv[0]).toBe("line,externalId,state,certificateId,url,errors");
    // Non-TTY progress: a line per ~10%, ending at 250/250, and the retry notice.
    expect(r.stderr).toContain("[##########] 250/250 issued 243 · existing 4 · failed 3");
    expect(r.stderr).toMatch(/503.*retry 1\/5/);
    // Upload (100 rows), one 503, then two processing calls (100 + 50), then the two reports.
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      "POST /admin/batches",
      expect.stringMatching(/^POST \/admin\/batches\/batch\d+\/process$/),
      expect.stringMatching(/^POST \/admin\/batches\/batch\d+\/process$/),
      expect.stringMatching(/^POST \/admin\/batches\/batch\d+\/process$/),
      expect.stringMatching(/^GET \/admin\/batches\/batch\d+$/),
      expect.stringMatching(/^GET \/admin\/batches\/batch\d+\.csv$/),
    ]);
    expect(seen[0]!.type).toMatch(/^text\/csv/);
    expect(seen[0]!.body).toBe(fs.readFileSync(file, "utf8"));
    expect(seen.every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("exits 0 when every row is issued, honouring --out", async () => {
    const file = writeCsv("small.csv", 30);
    const out = path.join(tmp, "custom-out.csv");
    const r = await cli(["issue", "--csv", file, "--out", out, ...auth]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/issued\s+30\n/);
    expect(r.stdout).toMatch(/failed\s+0\n/);
    expect(fs.existsSync(out)).toBe(true);
  });

  it("prints file-level errors as code: detail and exits 1", async () => {
    const file = path.join(tmp, "bad-header.csv");
    fs.writeFileSync(file, "name,email\nA,a@example.org\n");
    const r = await cli(["issue", "--csv", file, ...auth]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("was rejected");
    expect(r.stderr).toContain("ERR_BATCH_FILE: ERR_CSV_MISSING_COLUMNS: the header lacks externalId");
  });
});

describe("authentication and errors", () => {
  it("reads ADMIN_TOKEN from .dev.vars for a local URL, without printing it", async () => {
    const dir = fs.mkdtempSync(path.join(tmp, "devvars-"));
    fs.writeFileSync(path.join(dir, ".dev.vars"), `ADMIN_TOKEN='${TOKEN}'\n`);
    const r = await cli(["audit", "--url", base], { cwd: dir });
    expect(r.code).toBe(0);
    expect(seen[0]!.auth).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.url).toBe("/admin/audit?limit=50");
    expect(r.stdout).toMatch(/SEQ\s+AT\s+ACTOR\s+ACTION\s+TARGET/);
    expect(r.stdout).toContain("--before 7");
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });

  it("prints a hint for 401", async () => {
    const r = await cli(["tokens", "list", "--url", base, "--token", "wrong"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ERR_UNAUTHORIZED: Unknown token");
    expect(r.stderr).toContain("hint:");
  });

  it("explains a refused connection", async () => {
    const s = http.createServer();
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
    const port = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    const r = await cli(["audit", "--url", `http://127.0.0.1:${port}`, "--token", TOKEN]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is the service running? (npm start)");
  });
});

describe("single certificates and tokens", () => {
  it("issues one certificate with an Idempotency-Key", async () => {
    const r = await cli([
      "issue",
      "--name",
      "김민준",
      "--email",
      "minjun@example.org",
      "--achievement",
      "champions-2023-online",
      "--idempotency-key",
      "k-1",
      ...auth,
    ]);
    expect(r.code).toBe(0);
    expect(seen[0]!.url).toBe("/admin/certificates");
    expect(seen[0]!.idempotencyKey).toBe("k-1");
    expect(JSON.parse(seen[0]!.body)).toEqual({
      recipient: { name: "김민준", email: "minjun@example.org" },
      achievementId: "champions-2023-online",
    });
    expect(r.stdout).toContain(`Issued: ${CERT_ID}`);
  });

  it("revokes by URL with a reason", async () => {
    const r = await cli([
      "revoke",
      `${base}/c/${CERT_ID}.pdf`,
      "--reason",
      "issued-in-error",
      "--note",
      "Wrong name",
      ...auth,
    ]);
    expect(r.code).toBe(0);
    expect(seen[0]!.url).toBe(`/admin/certificates/${CERT_ID}/revoke`);
    expect(JSON.parse(seen[0]!.body)).toEqual({ reason: "issued-in-error", note: "Wrong name" });
    expect(r.stdout).toContain(`Certificate ${CERT_ID} is now revoked`);
  });

  it("creates a token and prints it once", async () => {
    const r = await cli(["tokens", "create", "--name", "Office laptop", "--scopes", "issue,read", ...auth]);
    expect(r.code).toBe(0);
    expect(JSON.parse(seen[0]!.body)).toEqual({ name: "Office laptop", scopes: ["issue", "read"] });
    expect(r.stdout.split("\n").filter((l) => l.includes("wego_tok1.secret"))).toHaveLength(1);
  });
});

describe("keys rotate (local)", () => {
  it(
    "retires the active key with notAfter and adds a new active key whose kid is its thumbprint",
    { timeout: 180_000 },
    async () => {
      const dir = fs.mkdtempSync(path.join(tmp, "keys-"));
      const id = await generateDevIdentity(new Date("2026-01-01T00:00:00Z"));
      fs.mkdirSync(path.join(dir, "keys"));
      fs.writeFileSync(path.join(dir, "keys/local.json"), JSON.stringify(id.keySet, null, 2) + "\n");
      fs.writeFileSync(
        path.join(dir, ".dev.vars"),
        `ISSUER_PRIVATE_KEY='${id.privateJwk}'\nISSUER_KEYS='${id.keySetJson}'\nADMIN_TOKEN='${id.adminToken}'\n`,
      );
      const before = Date.now() - 1000;
      const r = await cli(["keys", "rotate"], { cwd: dir });
      expect(r.stderr).toBe("");
      expect(r.code, r.stderr).toBe(0);

      const set = JSON.parse(fs.readFileSync(path.join(dir, "keys/local.json"), "utf8"));
      expect(set.keys).toHaveLength(2);
      const [old, fresh] = set.keys;
      expect(old.kid).toBe(id.kid);
      expect(old.status).toBe("retired");
      expect(Date.parse(old.notAfter)).toBeGreaterThanOrEqual(before);
      expect(fresh.status).toBe("active");
      expect(fresh.notBefore).toBe(old.notAfter);
      expect(fresh.notAfter).toBeUndefined();
      expect(r.stdout).toContain(fresh.kid);
      expect(r.stdout).toContain("npm start");

      const vars = readDevVars(path.join(dir, ".dev.vars")) as Record<string, string | undefined>;
      expect(vars.ADMIN_TOKEN).toBe(id.adminToken);
      expect(JSON.parse(vars.ISSUER_KEYS!)).toEqual(set);
      const jwk = JSON.parse(vars.ISSUER_PRIVATE_KEY!);
      const thumb = createHash("sha256").update(`{"crv":"Ed25519","kty":"OKP","x":"${jwk.x}"}`).digest("base64url");
      expect(fresh.kid).toBe(thumb);
      // The service accepts the new set and signs with the new key.
      const parsed = await parseKeySet(vars.ISSUER_KEYS!);
      expect((await loadSigner(vars.ISSUER_PRIVATE_KEY!, parsed)).kid).toBe(fresh.kid);

      // Compromising the (new) active key needs --rotate.
      const refused = await cli(["keys", "compromise", fresh.kid], { cwd: dir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("--rotate");
      const done = await cli(["keys", "compromise", old.kid], { cwd: dir });
      expect(done.code).toBe(0);
      expect(done.stdout).toContain(`npm run cli -- keys resign ${old.kid}`);
      const after = JSON.parse(fs.readFileSync(path.join(dir, "keys/local.json"), "utf8"));
      expect(after.keys[0]).toMatchObject({ kid: old.kid, status: "compromised", notAfter: old.notAfter });

      // A thumbprint may start with "-" (1 in 32): still a key id, not an option (this test once
      // failed at random on exactly that).
      const dashed = await cli(["keys", "compromise", "-" + "A".repeat(42)], { cwd: dir });
      expect(dashed.code).toBe(1);
      expect(dashed.stderr).not.toContain("Unknown option");
      expect(dashed.stderr).toContain("-" + "A".repeat(42));
    },
  );
});
