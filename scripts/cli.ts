#!/usr/bin/env -S npx tsx
/**
 * `npm run cli -- <command>`: the WeGO certificate admin CLI (bulk and single issuance, status
 * changes, tokens, audit log, issuer keys, restore drill). TypeScript run by tsx, type-checked by
 * `npm run check`. Run `--help`.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { readDevVars } from "./lib/dev-vars";
import { CliError, createClient } from "./lib/cli-http";
import { createProgress, duration, fmt, processed, rate, table, type BatchProgress } from "./lib/cli-format";
import { keysCompromise, keysList, keysRotate } from "./lib/cli-keys";
import { restore } from "./lib/cli-restore";

const io = {
  out: (s = "") => process.stdout.write(s + "\n"),
  err: (s = "") => process.stderr.write(s + "\n"),
};

const GLOBAL_HELP = `Global options:
  --url <url>      service URL (default: $WEGO_URL or http://127.0.0.1:8787)
  --token <token>  admin token (default: $WEGO_TOKEN, else ADMIN_TOKEN from .dev.vars for a local URL)
  -h, --help       help for a command`;

/** One command: its options, whether it works without the service, its help text. */
interface CommandSpec {
  options: string[];
  local?: boolean;
  help: string;
}

const COMMANDS: Record<string, CommandSpec> = {
  issue: {
    options: [
      "csv",
      "json",
      "out",
      "resume",
      "name",
      "email",
      "achievement",
      "valid-until",
      "idempotency-key",
      "notify",
      "language",
    ],
    help: `Usage:
  npm run cli -- issue --csv participants.csv [--out results.csv] [--notify]
  npm run cli -- issue --json rows.json [--out results.csv] [--notify]
  npm run cli -- issue --resume <batchId> [--out results.csv]
  npm run cli -- issue --name "김민준" --email minjun@example.org --achievement champions-2023-online
                       [--valid-until 2030-01-01T00:00:00Z] [--idempotency-key KEY] [--notify] [--language ko]

--notify emails each certificate to its participant (in the row's language column, en or ko).

Bulk: uploads the file (CSV columns name,email,achievementId,externalId[,validUntil][,language]) to
POST /admin/batches, processes it 100 rows per request with a progress bar on stderr, prints a
summary, writes the per-row results to --out (default <input>.results.csv) and lists the first 20
row errors. Rows whose externalId was already issued are reported as "already issued", so a file
can safely be uploaded again; an interrupted run can be continued with --resume <batchId>.
Exit code: 0 all rows issued, 2 some rows failed, 1 error.

Single: POST /admin/certificates with an Idempotency-Key (random unless given; repeat it to retry
safely).`,
  },
  revoke: { options: ["reason", "note"], help: statusHelp("revoke", "Revokes a certificate (permanent).") },
  suspend: {
    options: ["reason", "note"],
    help: statusHelp("suspend", "Suspends a certificate (undo with unsuspend)."),
  },
  unsuspend: { options: ["note"], help: statusHelp("unsuspend", "Lifts a suspension (no --reason).") },
  reissue: {
    options: ["name", "email", "achievement", "valid-until", "notify", "language"],
    help: `Usage: npm run cli -- reissue <certificateId|url> --name "…" --email … --achievement <id> [--valid-until …] [--notify]

Issues a corrected certificate that supersedes the old one (POST /admin/certificates/{id}/reissue).
--notify emails it to the participant with a note that it replaces the earlier one.`,
  },
  "tokens create": {
    options: ["name", "scopes"],
    help: `Usage: npm run cli -- tokens create --name "Office laptop" --scopes issue,read

Scopes: issue, revoke, read, admin. The token is printed once; only its hash is stored.`,
  },
  "tokens list": { options: [], help: "Usage: npm run cli -- tokens list" },
  "tokens revoke": { options: [], help: "Usage: npm run cli -- tokens revoke <tokenId>" },
  audit: {
    options: ["limit", "before", "action"],
    help: `Usage: npm run cli -- audit [--limit 50] [--before SEQ] [--action certificate.revoke]

Newest entries first; --before pages back (use the SEQ printed at the end).`,
  },
  restore: {
    options: ["file", "key-file", "database", "env", "local", "persist-to"],
    local: true,
    help: `Usage: npm run cli -- restore --file backup.wegobk (--local [--persist-to DIR] | --env staging|production)
                       [--database DB] [--key-file FILE]

Decrypts a nightly backup (download it first: npx wrangler r2 object get <bucket>/<key> --file backup.wegobk
--remote) and loads it into an EMPTY D1 database, then checks every table's row count. The key is
the BACKUP_KEY secret, read from WEGO_BACKUP_KEY or --key-file, never from the command line.
--local restores into the local database of wrangler dev (a drill); --env restores remotely.`,
  },
  "keys resign": {
    options: [],
    help: `Usage: npm run cli -- keys resign <kid>

Re-signs, server-side, every certificate the key signed (after marking it compromised and deploying
the new key): same ids, URLs and subjects, new proofs by the active key. Repeats
POST /admin/keys/{kid}/resign (50 per request) until none remain; safe to interrupt and re-run.`,
  },
  "keys list": { options: ["env"], local: true, help: "Usage: npm run cli -- keys list [--env local|production]" },
  "keys rotate": {
    options: ["env", "private-key-out"],
    local: true,
    help: `Usage: npm run cli -- keys rotate [--env local|production] [--private-key-out FILE]

Creates a new Ed25519 signing key, marks the current active key retired (notAfter = now) and adds
the new one as active (notBefore = now).
  local (default): updates keys/local.json and .dev.vars; restart \`npm start\` afterwards.
  production: updates keys/production.json, writes the private JWK (mode 0600) outside the
    repository (--private-key-out, default in the system temp directory) and prints the
    wrangler secret / deploy commands to finish.`,
  },
  "keys compromise": {
    options: ["env", "rotate", "comment", "private-key-out"],
    local: true,
    help: `Usage: npm run cli -- keys compromise <kid> [--env local|production] [--rotate] [--comment TEXT]

Marks a key compromised (notAfter = now): every credential it signed then fails verification.
If it is the active key, --rotate is required to create a new active key at the same time.
Prints the runbook for re-issuing the affected certificates.`,
  },
};

function statusHelp(verb: string, what: string): string {
  return `Usage: npm run cli -- ${verb} <certificateId|url> --reason CODE [--note "…"]

${what} --reason is public, shown translated to employers: issued-in-error, replaced,
withdrawn or under-review. --note is internal (admin API and audit log only), never shown publicly.`;
}

const MAIN_HELP = `WeGO certificates admin CLI

Usage: npm run cli -- <command> [options]

Commands:
  issue --csv FILE | --json FILE    bulk issuance with progress, summary and results CSV
  issue --name … --email … --achievement …   issue one certificate
  revoke|suspend <id|url> --reason CODE [--note "…"]   unsuspend <id|url> [--note "…"]
  reissue <id|url> --name … --email … --achievement …
  tokens create --name … --scopes issue,read | tokens list | tokens revoke <id>
  audit [--limit 50] [--before SEQ]
  restore --file backup.wegobk --local | --env staging|production
  keys list | keys rotate | keys compromise <kid>   [--env local|staging|production]
  keys resign <kid>                 re-sign a compromised key's certificates (server-side)

${GLOBAL_HELP}

Run \`npm run cli -- <command> --help\` for details.`;

const OPTIONS = {
  url: { type: "string" },
  token: { type: "string" },
  help: { type: "boolean", short: "h" },
  csv: { type: "string" },
  json: { type: "string" },
  out: { type: "string", short: "o" },
  resume: { type: "string" },
  name: { type: "string" },
  email: { type: "string" },
  achievement: { type: "string" },
  "valid-until": { type: "string" },
  "idempotency-key": { type: "string" },
  notify: { type: "boolean" },
  language: { type: "string" },
  reason: { type: "string" },
  note: { type: "string" },
  scopes: { type: "string" },
  limit: { type: "string" },
  before: { type: "string" },
  action: { type: "string" },
  env: { type: "string" },
  "private-key-out": { type: "string" },
  rotate: { type: "boolean" },
  comment: { type: "string" },
  file: { type: "string" },
  "key-file": { type: "string" },
  database: { type: "string" },
  local: { type: "boolean" },
  "persist-to": { type: "string" },
} as const satisfies ParseArgsConfig["options"];

/** Parsed options, typed from OPTIONS. */
type Opts = {
  -readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string;
};

/** A row of a batch report (GET /admin/batches/{id}). */
interface ReportRow {
  line: number;
  externalId: string | null;
  state: string;
  errors?: { field: string | null; message: string }[];
}

/** A batch report as the API returns it. */
interface BatchReport extends BatchProgress {
  id: string;
  done: boolean;
  rows?: ReportRow[];
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

function connect(opts: Opts) {
  const baseUrl = (opts.url ?? process.env.WEGO_URL ?? "http://127.0.0.1:8787").replace(/\/+$/, "");
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    throw new CliError(`--url: not a URL: ${baseUrl}`);
  }
  let token = opts.token ?? process.env.WEGO_TOKEN;
  if (!token && LOCAL_HOSTS.has(host)) token = readDevVars(path.resolve(process.cwd(), ".dev.vars")).ADMIN_TOKEN;
  if (!token)
    throw new CliError("no admin token", {
      hint: "Pass --token or set WEGO_TOKEN (for a local service, `npm start` writes ADMIN_TOKEN into .dev.vars).",
    });
  return createClient({
    baseUrl,
    token,
    onRetry: ({ attempt, maxRetries, waitMs }) =>
      io.err(
        `${process.stderr.isTTY ? "\n" : ""}service unavailable (503); retry ${attempt}/${maxRetries} in ${duration(waitMs)}`,
      ),
  });
}

/** A certificate id from an id or any certificate URL (…/c/{id}, .pdf, .jwt, #fragment). */
export function certificateIdOf(arg: string | undefined): string {
  if (!arg) throw new CliError("missing the certificate id or URL");
  let id = arg.trim();
  const m = /\/c\/([A-Za-z0-9_-]+)/.exec(id);
  if (m) id = m[1]!;
  id = id.replace(/#.*$/, "").replace(/\.(pdf|jwt|json)$/, "");
  if (!/^[A-Za-z0-9_-]{22}$/.test(id)) throw new CliError(`not a certificate id or URL: ${arg}`);
  return id;
}

function need(opts: Opts, names: (keyof Opts)[], cmd: string): void {
  const missing = names.filter((n) => !opts[n]);
  if (missing.length)
    throw new CliError(`${cmd}: missing ${missing.map((n) => `--${n}`).join(", ")}`, {
      hint: `See \`npm run cli -- ${cmd} --help\`.`,
    });
}

function certificateRequest(opts: Opts) {
  return {
    recipient: { name: opts.name, email: opts.email },
    achievementId: opts.achievement,
    ...(opts["valid-until"] ? { validUntil: opts["valid-until"] } : {}),
    ...(opts.language ? { language: opts.language } : {}),
    ...(opts.notify ? { notify: true } : {}),
  };
}

function printIssued(
  body: {
    id: string;
    url: string;
    pdfUrl?: string;
    qrUrl?: string;
    supersedes?: string;
    delivery?: { id: string; status: string };
  },
  replayed: boolean,
): void {
  io.out(`${replayed ? "Already issued (idempotent replay)" : "Issued"}: ${body.id}`);
  io.out(`  url:  ${body.url}`);
  if (body.pdfUrl) io.out(`  pdf:  ${body.pdfUrl}`);
  if (body.qrUrl) io.out(`  qr:   ${body.qrUrl}`);
  if (body.delivery) io.out(`  email: ${body.delivery.status} (delivery ${body.delivery.id})`);
  if (body.supersedes) io.out(`  supersedes: ${body.supersedes}`);
}

async function issueOne(opts: Opts): Promise<number> {
  need(opts, ["name", "email", "achievement"], "issue");
  const client = connect(opts);
  const key = opts["idempotency-key"] ?? `cli-${randomUUID()}`;
  const res = await client.request("POST", "/admin/certificates", {
    json: certificateRequest(opts),
    headers: { "idempotency-key": key },
    retry: true,
  });
  printIssued(res.body, res.headers.get("idempotent-replayed") === "true");
  io.out(`  Idempotency-Key: ${key}`);
  return 0;
}

function defaultOut(input: string | undefined, id: string): string {
  if (!input) return `batch-${id}.results.csv`;
  return input.replace(/\.(csv|json)$/i, "") + ".results.csv";
}

async function issueBatch(opts: Opts): Promise<number> {
  if (opts.csv && opts.json) throw new CliError("issue: give --csv or --json, not both");
  const input = opts.csv ?? opts.json;
  const client = connect(opts);
  const startedAt = Date.now();
  let report: BatchReport;
  if (opts.resume) {
    report = (await client.request("GET", `/admin/batches/${encodeURIComponent(opts.resume)}`, { retry: true })).body;
    io.err(`Resuming batch ${report.id}: ${fmt(report.total)} rows, ${fmt(report.counts.pending)} pending`);
  } else {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(input!);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new CliError(`cannot read ${input}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    }
    try {
      report = (
        await client.request("POST", opts.notify ? "/admin/batches?notify=true" : "/admin/batches", {
          body: new Uint8Array(bytes),
          contentType: opts.csv ? "text/csv; charset=utf-8" : "application/json",
        })
      ).body;
    } catch (e) {
      if (e instanceof CliError && e.status === 400) e.message = `${input} was rejected\n${e.message}`;
      throw e;
    }
    io.err(`Uploaded ${input}: batch ${report.id}, ${fmt(report.total)} rows`);
  }
  const id = report.id;
  const out = opts.out ?? defaultOut(input, id);
  const baseline = opts.resume ? processed(report) : 0;
  const progress = createProgress(process.stderr, { startedAt, baseline });
  const onSigint = () => {
    progress.finish();
    io.err(`\ninterrupted; batch ${id} is stored. Continue with: npm run cli -- issue --resume ${id}`);
    process.exit(130);
  };
  process.on("SIGINT", onSigint);
  progress.update(report);
  let idle = 0;
  try {
    while (!report.done) {
      const next = (await client.request("POST", `/admin/batches/${id}/process`, { retry: true })).body as BatchReport;
      idle = processed(next) > processed(report) ? 0 : idle + 1;
      report = next;
      progress.update(report);
      if (idle >= 20)
        throw new CliError(`batch ${id} made no progress in 20 requests`, {
          hint: `Continue later with: npm run cli -- issue --resume ${id}`,
        });
      if (idle > 0) await new Promise((r) => setTimeout(r, Math.min(200 * idle, 2000)));
    }
  } catch (e) {
    progress.finish();
    if (e instanceof CliError && !e.hint)
      throw new CliError(e.message, {
        exitCode: e.exitCode,
        status: e.status,
        hint: `Batch ${id} is stored; continue with: npm run cli -- issue --resume ${id}`,
      });
    throw e;
  } finally {
    process.off("SIGINT", onSigint);
  }
  progress.finish();
  const elapsed = Date.now() - startedAt;
  const full = (await client.request("GET", `/admin/batches/${id}`, { retry: true })).body as BatchReport;
  const csv = (await client.request("GET", `/admin/batches/${id}.csv`, { retry: true, accept: "text/csv" })).body;
  fs.writeFileSync(out, typeof csv === "string" ? csv : JSON.stringify(csv));

  const c = full.counts;
  const done = processed(full) - baseline;
  const w = Math.max(...[c.issued, c.existing, c.failed, full.total].map((n) => fmt(n).length));
  const row = (label: string, n: number) => io.out(`  ${label.padEnd(16)}${fmt(n).padStart(w)}`);
  io.out(`Batch ${id}: ${fmt(full.total)} rows in ${duration(elapsed)} (${fmt(rate(done, elapsed))} rows/s)`);
  row("issued", c.issued);
  row("already issued", c.existing);
  row("failed", c.failed);
  io.out(`Results: ${out}`);
  const failed = (full.rows ?? []).filter((r) => r.state === "failed");
  if (failed.length) {
    io.out("");
    io.out(`Row errors${failed.length > 20 ? ` (first 20 of ${fmt(failed.length)})` : ""}:`);
    for (const r of failed.slice(0, 20)) {
      const msg = (r.errors ?? []).map((e) => `${e.field ?? "row"}: ${e.message}`).join("; ") || "failed";
      io.out(`  line ${r.line}${r.externalId ? ` (${r.externalId})` : ""}: ${msg}`);
    }
    if (failed.length > 20) io.out(`  … ${fmt(failed.length - 20)} more in ${out}`);
  }
  return c.failed > 0 ? 2 : 0;
}

async function issue(opts: Opts): Promise<number> {
  const bulk = opts.csv || opts.json || opts.resume;
  const single = opts.name || opts.email || opts.achievement;
  if (bulk && single) throw new CliError("issue: use either a file (--csv/--json) or --name/--email/--achievement");
  if (bulk) return issueBatch(opts);
  if (single) return issueOne(opts);
  throw new CliError("issue: give --csv FILE, --json FILE or --name/--email/--achievement", {
    hint: "See `npm run cli -- issue --help`.",
  });
}

async function changeStatus(verb: string, arg: string | undefined, opts: Opts): Promise<number> {
  const id = certificateIdOf(arg);
  if (verb !== "unsuspend") need(opts, ["reason"], verb);
  const client = connect(opts);
  const json = { ...(verb !== "unsuspend" ? { reason: opts.reason } : {}), ...(opts.note ? { note: opts.note } : {}) };
  const res = await client.request("POST", `/admin/certificates/${id}/${verb}`, { json });
  const b = res.body;
  io.out(`Certificate ${b.id ?? id} is now ${b.status ?? verb}${b.changedAt ? ` (since ${b.changedAt})` : ""}.`);
  if (b.reason ?? json.reason) io.out(`  public reason: ${b.reason ?? json.reason}`);
  if (b.note ?? json.note) io.out(`  internal note: ${b.note ?? json.note}`);
  return 0;
}

async function reissue(arg: string | undefined, opts: Opts): Promise<number> {
  const id = certificateIdOf(arg);
  need(opts, ["name", "email", "achievement"], "reissue");
  const client = connect(opts);
  const res = await client.request("POST", `/admin/certificates/${id}/reissue`, { json: certificateRequest(opts) });
  printIssued({ supersedes: id, ...res.body }, false);
  return 0;
}

async function tokensCreate(opts: Opts): Promise<number> {
  need(opts, ["name", "scopes"], "tokens create");
  const scopes = opts
    .scopes!.split(",")
    .map((s: string) => s.trim())
    .filter(Boolean);
  const client = connect(opts);
  const b = (await client.request("POST", "/admin/tokens", { json: { name: opts.name, scopes } })).body;
  io.out(`Created token ${b.id} "${b.name}" (scopes: ${b.scopes.join(", ")}).`);
  io.out("Copy it now; it is shown only once (only its hash is stored):");
  io.out("");
  io.out(b.token);
  return 0;
}

/** An admin token as listed (GET /admin/tokens). */
interface TokenRow {
  id: string;
  name: string;
  scopes?: string[];
  created_at: string;
  created_by: string;
  revoked_at: string | null;
}

async function tokensList(opts: Opts): Promise<number> {
  const b = (await connect(opts).request("GET", "/admin/tokens")).body;
  if (!b.tokens.length) return (io.out("No tokens (only the bootstrap ADMIN_TOKEN)."), 0);
  io.out(
    table(
      ["ID", "NAME", "SCOPES", "CREATED", "BY", "REVOKED"],
      (b.tokens as TokenRow[]).map((t) => [
        t.id,
        t.name,
        (t.scopes ?? []).join(","),
        t.created_at,
        t.created_by,
        t.revoked_at,
      ]),
    ),
  );
  return 0;
}

async function tokensRevoke(id: string | undefined, opts: Opts): Promise<number> {
  if (!id) throw new CliError("usage: tokens revoke <tokenId>");
  const b = (await connect(opts).request("POST", `/admin/tokens/${encodeURIComponent(id)}/revoke`)).body;
  io.out(`Token ${b.id} revoked at ${b.revokedAt}.`);
  return 0;
}

/** An audit entry (GET /admin/audit). */
interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
}

async function keysResign(kid: string | undefined, opts: Opts): Promise<number> {
  if (!kid) throw new CliError("usage: keys resign <kid>");
  const client = connect(opts);
  let total = 0;
  for (;;) {
    const b = (await client.request("POST", `/admin/keys/${encodeURIComponent(kid)}/resign`, { retry: true })).body as {
      resigned: number;
      remaining: number;
      newKid: string;
    };
    total += b.resigned;
    io.err(`re-signed ${fmt(total)} with ${b.newKid}; ${fmt(b.remaining)} remaining`);
    if (b.remaining === 0) break;
    if (b.resigned === 0) throw new CliError(`no progress re-signing ${kid}; ${b.remaining} remain`);
  }
  io.out(`Every certificate signed by ${kid} is re-signed (${fmt(total)} in this run).`);
  return 0;
}

async function audit(opts: Opts): Promise<number> {
  const q = new URLSearchParams({ limit: opts.limit ?? "50" });
  if (opts.before) q.set("before", opts.before);
  if (opts.action) q.set("action", opts.action);
  const b = (await connect(opts).request("GET", `/admin/audit?${q}`)).body;
  if (!b.entries.length) return (io.out("No audit entries."), 0);
  io.out(
    table(
      ["SEQ", "AT", "ACTOR", "ACTION", "TARGET"],
      (b.entries as AuditRow[]).map((e) => [e.seq, e.at, e.actor, e.action, e.target]),
    ),
  );
  if (b.next) {
    const before = new URL(b.next, "http://x").searchParams.get("before");
    io.out(`\nOlder entries: npm run cli -- audit --limit ${q.get("limit")} --before ${before}`);
  }
  return 0;
}

/**
 * A key id is an RFC 7638 thumbprint, 43 base64url characters, and one in 32 starts with "-":
 * parseArgs would read `keys compromise -zQ…` as an option. Such arguments are set aside before
 * parsing and put back as the positionals they are.
 */
const KID_LIKE = /^-[A-Za-z0-9_-]{42}$/;

export async function main(argv: string[]): Promise<number> {
  const kids = new Map<string, string>();
  const parseable = argv.map((a, i) => {
    if (!KID_LIKE.test(a)) return a;
    kids.set(`kid-arg-${i}`, a);
    return `kid-arg-${i}`;
  });
  let parsed;
  try {
    parsed = parseArgs({ args: parseable, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError((e as Error).message.replace(/\. To specify a positional.*$/s, ""), {
      hint: "See `npm run cli -- --help`.",
    });
  }
  const positionals = parsed.positionals.map((p) => kids.get(p) ?? p);
  const opts = parsed.values as Opts;
  const [first, second, ...rest] = positionals;
  if (!first) {
    io.out(MAIN_HELP);
    return opts.help ? 0 : 1;
  }
  const group = first === "tokens" || first === "keys";
  const name = group ? `${first} ${second ?? ""}`.trim() : first;
  const spec = COMMANDS[name];
  if (!spec) {
    if (group && (opts.help || !second)) {
      io.out(
        Object.entries(COMMANDS)
          .filter(([k]) => k.startsWith(first + " "))
          .map(([, v]) => v.help.split("\n")[0])
          .join("\n"),
      );
      return opts.help ? 0 : 1;
    }
    throw new CliError(`unknown command: ${name}`, { hint: "See `npm run cli -- --help`." });
  }
  if (opts.help) {
    io.out(spec.help + (spec.local ? "" : `\n\n${GLOBAL_HELP}`));
    return 0;
  }
  const allowed = new Set([...spec.options, ...(spec.local ? [] : ["url", "token"]), "help"]);
  const stray = Object.keys(opts).filter((k) => !allowed.has(k));
  if (stray.length)
    throw new CliError(`${name}: unknown option ${stray.map((k) => `--${k}`).join(", ")}`, {
      hint: `See \`npm run cli -- ${name} --help\`.`,
    });
  const args = group ? rest : [second, ...rest].filter((a) => a !== undefined);
  const maxArgs = [
    "revoke",
    "suspend",
    "unsuspend",
    "reissue",
    "tokens revoke",
    "keys compromise",
    "keys resign",
  ].includes(name)
    ? 1
    : 0;
  if (args.length > maxArgs) throw new CliError(`${name}: unexpected argument ${args[maxArgs]}`);
  switch (name) {
    case "issue":
      return issue(opts);
    case "revoke":
    case "suspend":
    case "unsuspend":
      return changeStatus(name, args[0], opts);
    case "reissue":
      return reissue(args[0], opts);
    case "tokens create":
      return tokensCreate(opts);
    case "tokens list":
      return tokensList(opts);
    case "tokens revoke":
      return tokensRevoke(args[0], opts);
    case "audit":
      return audit(opts);
    case "restore":
      return restore(opts, io);
    case "keys resign":
      return keysResign(args[0], opts);
    case "keys list":
      return keysList(opts, io);
    case "keys rotate":
      return keysRotate(opts, io);
    case "keys compromise":
      return keysCompromise(args[0], opts, io);
  }
  return 1;
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      if (e instanceof CliError) {
        io.err(`error: ${e.message}`);
        if (e.hint) io.err(`hint: ${e.hint}`);
        process.exitCode = e.exitCode;
      } else {
        io.err(`error: ${e?.stack ?? e}`);
        process.exitCode = 1;
      }
    },
  );
}
