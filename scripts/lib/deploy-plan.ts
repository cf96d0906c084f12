/**
 * `npm run deploy -- --env staging|production`: checks, a Time Travel bookmark, migrations, the
 * deploy, a smoke test of the live version and an automatic rollback when it fails. Every outside
 * effect goes through `DeployIo` (wrangler, git, npm, HTTP), so the whole sequence is testable.
 */
import { keySetProblems } from "../../src/adapters/crypto/keys";
import { didWebFor } from "../../src/services/context";
import { DeployError, type DeployIo, type DeployOptions, type Wrangler, envConfig } from "./deploy-config";
import { checkRotationKey, fenceRotation } from "./deploy-rotation";
import { latestCertificateId, smokeTest } from "./deploy-smoke";

const WRANGLER = "node_modules/wrangler/bin/wrangler.js";
const PLACEHOLDER_ID = "00000000-0000-0000-0000-000000000000";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Runs the deploy; resolves with the new version id (or "dry-run"), rejects with DeployError. */
export async function deploy(opts: DeployOptions, io: DeployIo): Promise<string> {
  const { env } = opts;
  const wrangler: Wrangler = (...args) =>
    io.run(process.execPath, [WRANGLER, ...args, "--env", env], { env: { CI: "true" } });
  const step = (s: string) => io.log(`\n▶ ${s}`);
  const config = envConfig(io.readFile("wrangler.toml"), env);

  step("Checks");
  if (!/^https:\/\/[^/]+$/.test(config.baseUrl))
    throw new DeployError(
      `wrangler.toml [env.${env}.vars] PUBLIC_BASE_URL must be an https origin, not "${config.baseUrl}"`,
    );
  if (!opts.dryRun && (!config.databaseId || config.databaseId === PLACEHOLDER_ID))
    throw new DeployError(
      `wrangler.toml [env.${env}] database_id is the placeholder: create the database (README "Deploy") and paste its id`,
    );
  const keyFile = `keys/${env}.json`;
  const keyText = io.readFile(keyFile);
  const problems = await keySetProblems(keyText, { deployable: true });
  if (problems.length)
    throw new DeployError(
      `${keyFile}:\n  ${problems.join("\n  ")}\n(npm run cli -- keys rotate --env ${env} creates a key)`,
    );
  io.log(`  key set ${keyFile}: ok`);
  const dirty = (await io.run("git", ["status", "--porcelain"])).trim();
  if (dirty && !opts.allowDirty)
    throw new DeployError(`the working tree has uncommitted changes; commit them first:\n${dirty}`);
  io.log(dirty ? "  working tree: dirty (allowed by --allow-dirty)" : "  working tree: clean");
  await io.run("npm", ["run", "check"]);
  io.log("  types, layers, formatting: ok");
  await io.run("npx", [
    "vitest",
    "run",
    ...(opts.tests.length ? opts.tests : ["--project", "unit", "--project", "workers"]),
  ]);
  io.log(`  tests (${opts.tests.length ? opts.tests.join(" ") : "unit + workers"}): ok`);
  let rotation: { kid: string; secretsFile: string } | undefined;
  if (opts.rotateKeyFile)
    rotation = { kid: await checkRotationKey(io.readFile(opts.rotateKeyFile), keyText), secretsFile: "" };

  // The assets (fonts, brand files, browser script) are built here: wrangler uploads them as they are.
  await io.run(process.execPath, ["scripts/build-assets.mjs"]);
  const brand = JSON.parse(io.readFile("assets/brand/manifest.json")) as { placeholder?: boolean };
  if (brand.placeholder) {
    if (env === "production")
      throw new DeployError(
        'the PLACEHOLDER logo, emblem and signature would go to production; set WEGO_BRAND_DIR (README "Brand files")',
      );
    io.log("  WARNING: staging gets the PLACEHOLDER brand files (set WEGO_BRAND_DIR for WeGO's)");
  } else io.log("  brand files: WeGO's");

  if (opts.dryRun) {
    step("wrangler deploy --dry-run");
    io.log(await wrangler("deploy", "--dry-run", "--outdir", ".wrangler/deploy-dry-run"));
    io.log(`\nDry run for ${env} passed: nothing was changed.`);
    return "dry-run";
  }

  const secrets = await wrangler("secret", "list", "--format", "json");
  for (const name of ["ISSUER_PRIVATE_KEY", "ADMIN_TOKEN", "BACKUP_KEY", "EMAIL_ENCRYPTION_KEY", "EMAIL_INDEX_KEY"])
    if (!secrets.includes(`"${name}"`) && !(rotation && name === "ISSUER_PRIVATE_KEY"))
      throw new DeployError(`secret ${name} is not set for ${env} (README "Deploy", step 4)`);
  const pending = await wrangler("d1", "migrations", "list", "DB", "--remote");
  const hasPending = !/No migrations to apply/i.test(pending);
  io.log(hasPending ? `  pending migrations:\n${pending}` : "  migrations: none pending");

  step("Time Travel bookmark and current version");
  const bookmark = /"bookmark"\s*:\s*"([^"]+)"/.exec(await wrangler("d1", "time-travel", "info", "DB", "--json"))?.[1];
  if (!bookmark) throw new DeployError("could not read a D1 Time Travel bookmark");
  const previous = UUID.exec(await wrangler("deployments", "status", "--json"))?.[0];
  const record = { at: new Date().toISOString(), env, bookmark, previousVersion: previous ?? null };
  io.appendFile(`.deploy-history/${env}.jsonl`, JSON.stringify(record) + "\n");
  io.log(
    `  bookmark ${bookmark} (restore: npx wrangler d1 time-travel restore DB --env ${env} --bookmark ${bookmark})`,
  );
  io.log(`  live version before deploy: ${previous ?? "none"}`);

  if (hasPending) {
    step("Migrations");
    io.log(await wrangler("d1", "migrations", "apply", "DB", "--remote"));
  }
  if (rotation) rotation = await fenceRotation(opts, io, wrangler, rotation.kid, keyFile);

  step("Deploy");
  let out: string;
  try {
    // With --secrets-file the new private key and the key set publishing it go live in one version.
    out = await wrangler(
      "deploy",
      "--message",
      rotation ? `npm run deploy (key rotation to ${rotation.kid})` : "npm run deploy",
      ...(rotation ? ["--secrets-file", rotation.secretsFile] : []),
    );
  } finally {
    if (rotation) io.removeFile(rotation.secretsFile);
  }
  const version = /Current Version ID:\s*([0-9a-f-]{36})/i.exec(out)?.[1];
  if (!version) throw new DeployError(`wrangler deploy did not report a version id:\n${out}`);
  io.log(`  version ${version}`);

  step(`Smoke test ${config.baseUrl}`);
  try {
    const certificateId = await latestCertificateId(wrangler);
    await smokeTest(io, { baseUrl: config.baseUrl, did: didWebFor(config.baseUrl), version, certificateId });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    io.log(`  smoke test failed: ${why}`);
    if (!previous) throw new DeployError(`smoke test failed and there is no previous version to roll back to: ${why}`);
    step(`Rollback to ${previous}`);
    io.log(await wrangler("rollback", previous, "--message", `smoke test failed: ${why}`.slice(0, 100), "-y"));
    throw new DeployError(
      `deploy rolled back to ${previous}: ${why}` +
        (hasPending
          ? `\nMigrations were applied; if they caused it: npx wrangler d1 time-travel restore DB --env ${env} --bookmark ${bookmark}`
          : "") +
        (rotation
          ? `\nThe signing fence names ${rotation.kid}: the old version does not sign until the rotation is redeployed (RUNBOOK.md "Key rotation").`
          : ""),
    );
  }
  io.appendFile(`.deploy-history/${env}.jsonl`, JSON.stringify({ ...record, version, smoke: "passed" }) + "\n");
  io.log(`\nDeployed ${env} version ${version}; smoke test passed.`);
  if (env === "production") {
    // The next release's upgrade test starts from this one's data (test/integration/upgrade.test.ts).
    const commit = (await io.run("git", ["rev-parse", "--short", "HEAD"])).trim() || "<commit>";
    io.log(
      `Record this release for the upgrade test, then commit it:\n  npx tsx scripts/upgrade-fixture.ts ${commit} ${new Date().toISOString().slice(0, 10)}`,
    );
  }
  return version;
}
