#!/usr/bin/env -S npx tsx
/**
 * npm run deploy -- --env staging|production [--dry-run] [--tests <file>…] [--allow-dirty]
 *                   [--rotate-key <private-jwk-file>]
 * See scripts/lib/deploy-plan.ts for the sequence and README "Deploy" for the first setup.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DeployError, type DeployEnv, type DeployIo } from "./lib/deploy-config";
import { deploy } from "./lib/deploy-plan";

function parseArgs(argv: string[]) {
  let env: string | undefined;
  let dryRun = false;
  let allowDirty = false;
  let rotateKeyFile: string | undefined;
  const tests: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--env") env = argv[++i];
    else if (a === "--dry-run") dryRun = true;
    else if (a === "--allow-dirty") allowDirty = true;
    else if (a === "--rotate-key") rotateKeyFile = argv[++i];
    else if (a === "--tests") while (argv[i + 1] && !argv[i + 1]!.startsWith("--")) tests.push(argv[++i]!);
    else throw new DeployError(`unknown argument ${a}`);
  }
  if (env !== "staging" && env !== "production")
    throw new DeployError(
      "usage: npm run deploy -- --env staging|production [--dry-run] [--tests <file>…] [--rotate-key <file>]",
    );
  return { env: env as DeployEnv, dryRun, allowDirty, rotateKeyFile, tests };
}

/** The real machine: child processes, files relative to the repository, global fetch. */
const nodeIo: DeployIo = {
  run: (cmd, args, opts = {}) =>
    new Promise((resolve, reject) =>
      execFile(cmd, args, { env: { ...process.env, ...opts.env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
        err
          ? reject(new DeployError(`${path.basename(cmd)} ${args.slice(0, 4).join(" ")} failed:\n${stdout}${stderr}`))
          : resolve(stdout + stderr),
      ),
    ),
  fetch: (url, init) => fetch(url, init),
  readFile: (file) => fs.readFileSync(file, "utf8"),
  writeFile: (file, text, mode) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, mode ? { mode } : undefined);
  },
  removeFile: (file) => fs.rmSync(file, { force: true }),
  appendFile: (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.appendFileSync(file, text);
  },
  log: (line) => console.log(line),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

try {
  await deploy(parseArgs(process.argv.slice(2)), nodeIo);
} catch (e) {
  console.error(`\n✘ ${e instanceof DeployError ? e.message : e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
}
