/** The CLI's terminal output, its connection to the service, and argument checks shared by commands. */
import path from "node:path";
import { readDevVars } from "./dev-vars";
import { CliError, createClient } from "./cli-http";
import { duration } from "./cli-format";
import type { Opts } from "./cli-spec";

/** Where the CLI writes its output. */
export interface Io {
  out(s?: string): void;
  err(s?: string): void;
}

/** Results to stdout, progress and errors to stderr. */
export const io: Io = {
  out: (s = "") => process.stdout.write(s + "\n"),
  err: (s = "") => process.stderr.write(s + "\n"),
};

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

export /** A client for the service at --url with --token (or the local .dev.vars token), retrying on 503. */
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

/** Fails with a usage error naming the missing options. */
export function need(opts: Opts, names: (keyof Opts)[], cmd: string): void {
  const missing = names.filter((n) => !opts[n]);
  if (missing.length)
    throw new CliError(`${cmd}: missing ${missing.map((n) => `--${n}`).join(", ")}`, {
      hint: `See \`npm run cli -- ${cmd} --help\`.`,
    });
}
