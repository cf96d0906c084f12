#!/usr/bin/env -S npx tsx
/**
 * `npm run cli -- <command>`: the WeGO certificate admin CLI (bulk and single issuance, status
 * changes, tokens, audit log, issuer keys, restore drill). TypeScript run by tsx, type-checked by
 * `npm run check`. Run `--help`.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { CliError } from "./lib/cli-http";
import { audit, keysResign, tokensCreate, tokensList, tokensRevoke } from "./lib/cli-admin";
import { io } from "./lib/cli-connect";
import { changeStatus, issue, reissue } from "./lib/cli-issue";
import { keysCompromise, keysList, keysRotate } from "./lib/cli-keys";
import { restore } from "./lib/cli-restore";
import { COMMANDS, GLOBAL_HELP, MAIN_HELP, OPTIONS, type Opts } from "./lib/cli-spec";

export { certificateIdOf } from "./lib/cli-connect";

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
