/**
 * `restore`: decrypts a backup (services/backup-format.ts) and loads it into an EMPTY D1 database
 * through wrangler (`--local` for a drill, `--env <env> --remote` for a real restore), then checks
 * the row counts against the backup's end record. The key comes from WEGO_BACKUP_KEY or a file,
 * never from the command line (shell history).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeBackup, importBackupKey, restoreScript } from "../../src/services/backup-format";
import { duration } from "./cli-format";
import { CliError } from "./cli-http";
import type { Io } from "./cli-connect";

type Opts = Record<string, string | boolean | undefined>;

function wrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [path.resolve("node_modules/wrangler/bin/wrangler.js"), ...args],
      { env: { ...process.env, CI: "true" }, maxBuffer: 256 << 20 },
      (err, out, errOut) =>
        err ? reject(new CliError(`wrangler ${args.slice(0, 3).join(" ")} failed:\n${out}${errOut}`)) : resolve(out),
    ),
  );
}

/** A count from `wrangler d1 execute --json` output. */
function countOf(json: string): number {
  const n = /"n"\s*:\s*(\d+)/.exec(json)?.[1];
  if (n === undefined) throw new CliError(`unexpected wrangler output: ${json.slice(0, 300)}`);
  return Number(n);
}

export async function restore(opts: Opts, io: Io): Promise<number> {
  const file = opts.file as string | undefined;
  if (!file)
    throw new CliError("restore: missing --file <backup.wegobk>", { hint: "See `npm run cli -- restore --help`." });
  const where = opts.local
    ? ["--local", ...(opts["persist-to"] ? ["--persist-to", String(opts["persist-to"])] : [])]
    : ["--remote", ...(opts.env ? ["--env", String(opts.env)] : [])];
  if (!opts.local && !opts.env)
    throw new CliError("restore: give --local (a drill) or --env staging|production (a real restore)");
  const database = String(opts.database ?? "DB");
  const secret = opts["key-file"] ? fs.readFileSync(String(opts["key-file"]), "utf8") : process.env.WEGO_BACKUP_KEY;
  if (!secret)
    throw new CliError("restore: no backup key", {
      hint: "Set WEGO_BACKUP_KEY or pass --key-file FILE (the BACKUP_KEY secret).",
    });

  const started = Date.now();
  const decoded = await decodeBackup(await importBackupKey(secret), new Uint8Array(fs.readFileSync(file)));
  if (!decoded.ok) throw new CliError(`${file}: ${decoded.error.message}`);
  const records = decoded.value;
  const header = records[0] as { createdAt: string; issuerDid: string };
  const end = records[records.length - 1] as { counts: Record<string, number> };
  io.out(`Backup of ${header.issuerDid} taken ${header.createdAt}: ${end.counts.certificates ?? 0} certificates.`);

  const count = async (sql: string) =>
    countOf(await wrangler(["d1", "execute", database, ...where, "--json", "--command", sql]));
  const existing = await count(
    "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%'",
  );
  if (existing > 0)
    throw new CliError(`database ${database} is not empty (${existing} tables); restore only into a new database`, {
      hint: 'Create one (README "Deploy", step 2), point the environment at it, then restore.',
    });
  const sqlFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wego-restore-")), "restore.sql");
  fs.writeFileSync(sqlFile, restoreScript(records), { mode: 0o600 });
  try {
    await wrangler(["d1", "execute", database, ...where, "--file", sqlFile]);
  } finally {
    fs.rmSync(path.dirname(sqlFile), { recursive: true, force: true });
  }
  // One wrangler run for every count (each run costs seconds of start-up).
  const tables = Object.keys(end.counts);
  const counted = await wrangler([
    "d1",
    "execute",
    database,
    ...where,
    "--json",
    "--command",
    `SELECT ${tables.map((t, i) => `(SELECT count(*) FROM "${t}") AS c${i}`).join(", ")}`,
  ]);
  tables.forEach((table, i) => {
    const got = Number(new RegExp(`"c${i}"\\s*:\\s*(\\d+)`).exec(counted)?.[1]);
    if (got !== end.counts[table])
      throw new CliError(`table ${table}: ${got} rows after restore, the backup has ${end.counts[table]}`);
  });
  io.out(
    `Restored ${Object.values(end.counts).reduce((a, b) => a + b, 0)} rows in ${Object.keys(end.counts).length} tables in ${duration(Date.now() - started)}; row counts match.`,
  );
  io.out('Next: deploy against this database and verify sampled certificates (RUNBOOK.md "D1 corrupted").');
  return 0;
}
