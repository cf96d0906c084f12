// `keys list | rotate | compromise`: edits the published issuer key set (keys/<env>.json, and for
// local development also ISSUER_KEYS / ISSUER_PRIVATE_KEY in .dev.vars). All paths are relative to
// process.cwd(), the repository root when run through `npm run cli`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { base58 } from "@scure/base";
import { generateKey, thumbprint } from "./dev-identity.mjs";
import { readDevVars, writeDevVars } from "./dev-vars.mjs";
import { CliError } from "./cli-http.mjs";
import { table } from "./cli-format.mjs";

function base58Decode(s) {
  try {
    return base58.decode(s);
  } catch {
    return null;
  }
}

/** The raw Ed25519 public key of a Multikey, or null. */
export function publicKeyOf(multibase) {
  if (typeof multibase !== "string" || !multibase.startsWith("z")) return null;
  const b = base58Decode(multibase.slice(1));
  if (!b || b.length !== 34 || b[0] !== 0xed || b[1] !== 0x01) return null;
  return b.slice(2);
}

/** ISO 8601 without milliseconds, as in the committed key sets. */
export const isoSeconds = (d) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Checks a key set the way the service does at start-up; throws CliError listing the problems. */
export async function checkKeySet(set, label) {
  const problems = [];
  if (!set || !Array.isArray(set.keys)) throw new CliError(`${label}: not a key set ({"keys": [...]})`);
  for (const k of set.keys) {
    const pub = publicKeyOf(k.publicKeyMultibase);
    if (!pub) problems.push(`${k.kid}: publicKeyMultibase is not an Ed25519 Multikey`);
    else if ((await thumbprint(pub)) !== k.kid) problems.push(`${k.kid}: kid is not the RFC 7638 thumbprint`);
    if (!["active", "retired", "compromised"].includes(k.status)) problems.push(`${k.kid}: bad status ${k.status}`);
  }
  const active = set.keys.filter((k) => k.status === "active");
  if (active.length > 1) problems.push(`${active.length} keys are active; exactly one may sign`);
  if (problems.length) throw new CliError(`${label} is invalid:\n  ${problems.join("\n  ")}`);
}

/** Marks the active key retired and appends `entry` as the new active key (pure). */
export function rotateKeySet(set, entry, at) {
  const keys = set.keys.map((k) =>
    k.status === "active"
      ? { ...k, status: "retired", notAfter: at, comment: `Retired ${at} by key rotation; replaced by ${entry.kid}` }
      : k,
  );
  return { ...set, keys: [...keys, { ...entry, notBefore: at, status: "active" }] };
}

/** Marks `kid` compromised (notAfter = `at`, or its earlier notAfter) (pure). */
export function compromiseKeySet(set, kid, at, comment) {
  return {
    ...set,
    keys: set.keys.map((k) =>
      k.kid === kid
        ? {
            ...k,
            status: "compromised",
            notAfter: k.notAfter && Date.parse(k.notAfter) < Date.parse(at) ? k.notAfter : at,
            comment: comment ?? `Marked compromised ${at}`,
          }
        : k,
    ),
  };
}

function envOf(opts) {
  const env = opts.env ?? "local";
  if (env !== "local" && env !== "production") throw new CliError(`--env must be local or production, not "${env}"`);
  return env;
}

const keyFile = (env) => path.resolve(process.cwd(), "keys", `${env}.json`);
const devVarsFile = () => path.resolve(process.cwd(), ".dev.vars");
const rel = (p) => path.relative(process.cwd(), p) || p;

function readJsonFile(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    if (e.code === "ENOENT") return undefined;
    throw new CliError(`${rel(file)}: ${e.message}`);
  }
}

/**
 * Loads the key set of an environment. Local: ISSUER_KEYS in .dev.vars (what `npm start` serves),
 * falling back to keys/local.json; production: keys/production.json.
 */
async function loadKeySet(env, { requireDevVars = false } = {}) {
  const file = keyFile(env);
  const fromFile = readJsonFile(file);
  if (env === "production") {
    if (!fromFile) throw new CliError(`${rel(file)} not found (run the CLI from the repository root)`);
    await checkKeySet(fromFile, rel(file));
    return { set: fromFile, file, warnings: [] };
  }
  const vars = readDevVars(devVarsFile());
  if (requireDevVars && !(vars.ISSUER_PRIVATE_KEY && vars.ISSUER_KEYS))
    throw new CliError("no local issuer identity in .dev.vars", {
      hint: "Run `npm start` once (it creates .dev.vars and keys/local.json), or pass --env production.",
    });
  const warnings = [];
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

const writeKeySet = (file, set) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(set, null, 2) + "\n");
};

function listing(set) {
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

export async function keysList(opts, io) {
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
function privateKeyPath(kid, requested) {
  const target = path.resolve(requested ?? path.join(os.tmpdir(), `wego-issuer-key-${kid.slice(0, 12)}.jwk`));
  const inside = path.relative(process.cwd(), target);
  if (!inside.startsWith("..") && !path.isAbsolute(inside))
    throw new CliError(`--private-key-out ${target} is inside the repository; choose a path outside it`);
  if (fs.existsSync(target)) throw new CliError(`--private-key-out ${target} already exists; refusing to overwrite it`);
  return target;
}

/** Writes a private JWK with mode 0600, never overwriting. */
function writePrivateKeyFile(target, privateJwk) {
  try {
    fs.writeFileSync(target, privateJwk + "\n", { mode: 0o600, flag: "wx" });
  } catch (e) {
    throw new CliError(`cannot write the private key to ${target}: ${e.message}`);
  }
  fs.chmodSync(target, 0o600);
  return target;
}

/** Applies a new key set (and possibly a new signing key) to an environment and prints next steps. */
function applyKeySet(env, loaded, next, newKey, keyPath, io) {
  if (env === "local") {
    writeKeySet(loaded.file, next);
    const vars = { ...loaded.vars, ISSUER_KEYS: JSON.stringify(next) };
    if (newKey) vars.ISSUER_PRIVATE_KEY = newKey.privateJwk;
    writeDevVars(vars, devVarsFile());
    io.out(`Updated ${rel(loaded.file)} and .dev.vars (ISSUER_KEYS${newKey ? ", ISSUER_PRIVATE_KEY" : ""}).`);
    io.out("Restart `npm start`: wrangler dev reads .dev.vars only when it starts.");
    return null;
  }
  if (newKey) writePrivateKeyFile(keyPath, newKey.privateJwk);
  writeKeySet(loaded.file, next);
  io.out(`Updated ${rel(loaded.file)}.`);
  if (keyPath) {
    io.out(`New private key (mode 0600): ${keyPath}`);
    io.out("");
    io.out("Finish in this order, right away (a replaced key's notAfter is now: credentials it signs");
    io.out("after that time will not verify, and issuing fails between steps 1 and 2):");
    io.out(`  1. npx wrangler secret put ISSUER_PRIVATE_KEY --env production < ${keyPath}`);
    io.out("  2. npm run deploy            # publishes ISSUER_KEYS from keys/production.json");
    io.out(`  3. rm ${keyPath}`);
    io.out("  4. commit keys/production.json");
  } else {
    io.out("");
    io.out("Publish it: npm run deploy   (passes ISSUER_KEYS from keys/production.json), then commit the file.");
  }
  return keyPath;
}

export async function keysRotate(opts, io) {
  const env = envOf(opts);
  const loaded = await loadKeySet(env, { requireDevVars: env === "local" });
  for (const w of loaded.warnings) io.err(`warning: ${w}`);
  const now = new Date();
  const at = isoSeconds(now);
  const key = await generateKey(now);
  const old = loaded.set.keys.find((k) => k.status === "active");
  const next = rotateKeySet(loaded.set, key.entry, at);
  await checkKeySet(next, "the new key set");
  const keyPath = env === "production" ? privateKeyPath(key.kid, opts["private-key-out"]) : null;
  io.out(`New ${env} signing key: ${key.kid} (active from ${at})`);
  io.out(old ? `Retired: ${old.kid} (notAfter ${at})` : "There was no active key; this is the first one.");
  applyKeySet(env, loaded, next, key, keyPath, io);
  return 0;
}

export async function keysCompromise(kid, opts, io) {
  if (!kid) throw new CliError("usage: keys compromise <kid> [--env local|production] [--rotate]");
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
  next = compromiseKeySet(next, kid, at, opts.comment);
  await checkKeySet(next, "the new key set");
  const keyPath = key && env === "production" ? privateKeyPath(key.kid, opts["private-key-out"]) : null;
  io.out(
    `Marked ${kid} compromised (notAfter ${next.keys.find((k) => k.kid === kid).notAfter}) in the ${env} key set.`,
  );
  if (key) io.out(`New ${env} signing key: ${key.kid} (active from ${at})`);
  applyKeySet(env, loaded, next, key, keyPath, io);
  io.out("");
  printRunbook(kid, env, io);
  return 0;
}

function printRunbook(kid, env, io) {
  const where = env === "production" ? "--env production --remote" : "--local";
  io.out("Compromised-key runbook:");
  io.out("  Once the key set is published, every credential this key signed fails verification");
  io.out("  (ERR_KEY_COMPROMISED). Re-issue the affected certificates:");
  io.out("  1. List them (the admin API has no key filter):");
  io.out(
    `     npx wrangler d1 execute wego-certificates ${where} --command "SELECT id, recipient_name, achievement_id, issued_at FROM certificates WHERE key_id = '${kid}' AND status != 'revoked' AND superseded_by IS NULL"`,
  );
  io.out("  2. For each id, issue a replacement signed by the active key; the old certificate is");
  io.out("     revoked as superseded and points to the new one. The email is stored only as a hash,");
  io.out("     so take it from your participant list:");
  io.out('     npm run cli -- reissue <id> --name "…" --email … --achievement <achievement_id>');
  io.out("  3. Tell the recipients their new certificate URL (printed by reissue).");
}
