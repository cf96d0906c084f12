/** The CLI's commands, options and help texts (parsed and dispatched by scripts/cli.ts). */
import type { ParseArgsConfig } from "node:util";

export const GLOBAL_HELP = `Global options:
  --url <url>      service URL (default: $WEGO_URL or http://127.0.0.1:8787)
  --token <token>  admin token (default: $WEGO_TOKEN, else ADMIN_TOKEN from .dev.vars for a local URL)
  -h, --help       help for a command`;

/** One command: its options, whether it works without the service, its help text. */
export interface CommandSpec {
  options: string[];
  local?: boolean;
  help: string;
}

export const COMMANDS: Record<string, CommandSpec> = {
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

export const MAIN_HELP = `WeGO certificates admin CLI

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

export const OPTIONS = {
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
export type Opts = {
  -readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string;
};
