/** `tokens create | list | revoke`, `keys resign` and `audit`: the admin API from the command line. */
import { CliError } from "./cli-http";
import { fmt, table } from "./cli-format";
import { connect, io, need } from "./cli-connect";
import type { Opts } from "./cli-spec";

export async function tokensCreate(opts: Opts): Promise<number> {
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

export async function tokensList(opts: Opts): Promise<number> {
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

export async function tokensRevoke(id: string | undefined, opts: Opts): Promise<number> {
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

export async function keysResign(kid: string | undefined, opts: Opts): Promise<number> {
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

export async function audit(opts: Opts): Promise<number> {
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
