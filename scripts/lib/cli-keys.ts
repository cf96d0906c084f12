/**
 * `keys list | rotate | compromise`: edits the published issuer key set (keys/<env>.json, and for
 * local development also ISSUER_KEYS / ISSUER_PRIVATE_KEY in .dev.vars). All paths are relative to
 * process.cwd(), the repository root when run through `npm run cli`. Key sets are checked by the
 * Worker's own validator (src/adapters/crypto/keys.ts), so the CLI never writes a set the service
 * would refuse.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isoSeconds } from "../../src/domain/credential";
import { generateKey } from "./dev-identity";
import { readDevVars, writeDevVars } from "./dev-vars";
import { CliError } from "./cli-http";
import { table } from "./cli-format";
import type { Io } from "./cli-connect";
import { checkKeySet, compromiseKeySet, rotateKeySet, type KeySet } from "./key-set-edits";

type Env = "local" | "staging" | "production";
type Opts = Record<string, string | boolean | undefined>;
type NewKey = Awaited<ReturnType<typeof generateKey>>;

function envOf(opts: Opts): Env {
  const env = opts.env ?? "local";
  if (env !== "local" && env !== "staging" && env !== "production")
    throw new CliError(`--env must be local, staging or production, not "${String(env)}"`);
  return env;
}

const keyFile = (env: Env) => path.resolve(process.cwd(), "keys", `${env}.json`);
const devVarsFile = () => path.resolve(process.cwd(), ".dev.vars");
const rel = (p: string) => path.relative(process.cwd(), p) || p;

function readJsonFile(file: string): KeySet | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    if ((e as { code?: string }).code === "ENOENT") return undefined;
    throw new CliError(`${rel(file)}: ${(e as Error).message}`);
  }
}

/**
 * Loads the key set of an environment. Local: ISSUER_KEYS in .dev.vars (what `npm start` serves),
 * falling back to keys/local.json; production: keys/production.json.
 */
interface Loaded {
  set: KeySet;
  file: string;
  vars?: Record<string, string>;
  warnings: string[];
}

async function loadKeySet(env: Env, { requireDevVars = false } = {}): Promise<Loaded> {
  const file = keyFile(env);
  const fromFile = readJsonFile(file);
  if (env !== "local") {
    if (!fromFile) throw new CliError(`${rel(file)} not found (run the CLI from the repository root)`);
    await checkKeySet(fromFile, rel(file));
    return { set: fromFile, file, warnings: [] };
  }
  const vars = readDevVars(devVarsFile());
  if (requireDevVars && !(vars.ISSUER_PRIVATE_KEY && vars.ISSUER_KEYS))
    throw new CliError("no local issuer identity in .dev.vars", {
      hint: "Run `npm start` once (it creates .dev.vars and keys/local.json), or pass --env staging|production.",
    });
  const warnings: string[] = [];
  let set = fromFile;
  if (vars.ISSUER_KEYS) {
    try {
      set = JSON.parse(vars.ISSUER_KEYS);
    } catch {
      throw new CliError(".dev.vars: ISSUER_KEYS is not valid JSON");
    }
    if (fromFile && JSON.stringify(fromFile) !== JSON.stringify(set))
      warnings.push(`keys/local.json differs from ISSUER_KEYS in .dev.vars; using .dev.vars (what npm start serves)`);
  }
  if (!set) throw new CliError("no local key set (.dev.vars / keys/local.json)", { hint: "Run `npm start` once." });
  await checkKeySet(set, env === "local" && vars.ISSUER_KEYS ? ".dev.vars ISSUER_KEYS" : rel(file));
  return { set, file, vars, warnings };
}

const writeKeySet = (file: string, set: KeySet) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(set, null, 2) + "\n");
};

function listing(set: KeySet): string {
  return table(
    ["KID", "STATUS", "NOT BEFORE", "NOT AFTER", "COMMENT"],
    set.keys.map((k) => [
      k.kid,
      k.status === "active" ? "active (signs)" : k.status,
      k.notBefore,
      k.notAfter,
      k.comment,
    ]),
  );
}

export async function keysList(opts: Opts, io: Io): Promise<number> {
  const env = envOf(opts);
  const { set, file, warnings } = await loadKeySet(env);
  for (const w of warnings) io.err(`warning: ${w}`);
  io.out(`Key set (${env}, ${rel(file)}):`);
  io.out(
    set.keys.length ? listing(set) : "  (no keys yet: `npm run cli -- keys rotate --env " + env + "` adds the first)",
  );
  return 0;
}

/** Where the production private key goes: outside the repository, not an existing file. */
function privateKeyPath(kid: string, requested: string | undefined): string {
  const target = path.resolve(requested ?? path.join(os.tmpdir(), `wego-issuer-key-${kid.slice(0, 12)}.jwk`));
  const inside = path.relative(process.cwd(), target);
  if (!inside.startsWith("..") && !path.isAbsolute(inside))
    throw new CliError(`--private-key-out ${target} is inside the repository; choose a path outside it`);
  if (fs.existsSync(target)) throw new CliError(`--private-key-out ${target} already exists; refusing to overwrite it`);
  return target;
}

/** Writes a private JWK with mode 0600, never overwriting. */
function writePrivateKeyFile(target: string, privateJwk: string): string {
  try {
    fs.writeFileSync(target, privateJwk + "\n", { mode: 0o600, flag: "wx" });
  } catch (e) {
    throw new CliError(`cannot write the private key to ${target}: ${(e as Error).message}`);
  }
  fs.chmodSync(target, 0o600);
  return target;
}

/** Applies a new key set (and possibly a new signing key) to an environment and prints next steps. */
function applyKeySet(env: Env, loaded: Loaded, next: KeySet, newKey: NewKey | null, keyPath: string | null, io: Io) {
  if (env === "local") {
    writeKeySet(loaded.file, next);
    const vars: Record<string, string> = { ...loaded.vars, ISSUER_KEYS: JSON.stringify(next) };
    if (newKey) vars.ISSUER_PRIVATE_KEY = newKey.privateJwk;
    writeDevVars(vars, devVarsFile());
    io.out(`Updated ${rel(loaded.file)} and .dev.vars (ISSUER_KEYS${newKey ? ", ISSUER_PRIVATE_KEY" : ""}).`);
    io.out("Restart `npm start`: wrangler dev reads .dev.vars only when it starts.");
    return null;
  }
  if (newKey && keyPath) writePrivateKeyFile(keyPath, newKey.privateJwk);
  writeKeySet(loaded.file, next);
  io.out(`Updated ${rel(loaded.file)}.`);
  const file = `keys/${env}.json`;
  if (keyPath) {
    io.out(`New private key (mode 0600): ${keyPath}`);
    io.out("");
    io.out("Finish with one deploy: the new secret and the key set publishing it go live in one version;");
    io.out("the deploy first fences signing to the new key and stamps the fence time as the old key's");
    io.out('notAfter and the new key\'s notBefore (RUNBOOK.md "Key rotation"):');
    io.out(`  1. git commit ${file}`);
    io.out(`  2. npm run deploy -- --env ${env} --rotate-key ${keyPath}`);
    io.out(`  3. git commit ${file}   (the stamped times), then: rm ${keyPath}`);
  } else {
    io.out("");
    io.out(`Publish it: commit ${file}, then npm run deploy -- --env ${env} (the key set is bundled into the build).`);
  }
  return keyPath;
}

export async function keysRotate(opts: Opts, io: Io): Promise<number> {
  const env = envOf(opts);
  const loaded = await loadKeySet(env, { requireDevVars: env === "local" });
  for (const w of loaded.warnings) io.err(`warning: ${w}`);
  const now = new Date();
  const at = isoSeconds(now);
  const key = await generateKey(now);
  const old = loaded.set.keys.find((k) => k.status === "active");
  const next = rotateKeySet(loaded.set, key.entry, at);
  await checkKeySet(next, "the new key set");
  const keyPath = env !== "local" ? privateKeyPath(key.kid, opts["private-key-out"] as string | undefined) : null;
  io.out(`New ${env} signing key: ${key.kid} (active from ${at})`);
  io.out(old ? `Retired: ${old.kid} (notAfter ${at})` : "There was no active key; this is the first one.");
  applyKeySet(env, loaded, next, key, keyPath, io);
  return 0;
}

export async function keysCompromise(kid: string | undefined, opts: Opts, io: Io): Promise<number> {
  if (!kid) throw new CliError("usage: keys compromise <kid> [--env local|staging|production] [--rotate]");
  const env = envOf(opts);
  const loaded = await loadKeySet(env, { requireDevVars: env === "local" });
  for (const w of loaded.warnings) io.err(`warning: ${w}`);
  const target = loaded.set.keys.find((k) => k.kid === kid);
  if (!target) throw new CliError(`no key ${kid} in the ${env} key set`, { hint: "See `npm run cli -- keys list`." });
  if (target.status === "compromised") {
    io.out(`Key ${kid} is already marked compromised (notAfter ${target.notAfter}).`);
    printRunbook(kid, env, io);
    return 0;
  }
  const now = new Date();
  const at = isoSeconds(now);
  let next = loaded.set;
  let key = null;
  if (target.status === "active") {
    if (!opts.rotate)
      throw new CliError(`key ${kid} is the active signing key; refusing to leave the service without one`, {
        hint: "Pass --rotate to mark it compromised and create a new active key in one step.",
      });
    key = await generateKey(now);
    next = rotateKeySet(next, key.entry, at);
  }
  next = compromiseKeySet(next, kid, at, opts.comment as string | undefined);
  await checkKeySet(next, "the new key set");
  const keyPath =
    key && env !== "local" ? privateKeyPath(key.kid, opts["private-key-out"] as string | undefined) : null;
  io.out(
    `Marked ${kid} compromised (notAfter ${next.keys.find((k) => k.kid === kid)!.notAfter}) in the ${env} key set.`,
  );
  if (key) io.out(`New ${env} signing key: ${key.kid} (active from ${at})`);
  applyKeySet(env, loaded, next, key, keyPath, io);
  io.out("");
  printRunbook(kid, env, io);
  return 0;
}

function printRunbook(kid: string, env: Env, io: Io) {
  io.out('Compromised-key runbook (RUNBOOK.md "Signing key compromised"):');
  io.out("  Once the key set is published, every credential this key signed fails verification");
  io.out("  (ERR_KEY_COMPROMISED) until it is re-signed. After the deploy, re-sign them server-side from");
  io.out("  the stored data (same ids and URLs; no participant list needed):");
  io.out(`     npm run cli -- keys resign ${kid}${env === "local" ? "" : " --url <the " + env + " URL>"}`);
}
