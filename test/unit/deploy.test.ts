/**
 * `npm run deploy` (scripts/lib/deploy-plan.ts): a real `wrangler deploy --dry-run` against the
 * staging config, and the live sequence with wrangler and the network replaced by a recorder
 * (bookmark before migrations, migrations before deploy, smoke test, automatic rollback, rotation).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateKey } from "../../scripts/lib/dev-identity";
import { DeployError, envConfig, type DeployIo } from "../../scripts/lib/deploy-config";
import { deploy } from "../../scripts/lib/deploy-plan";

const PREVIOUS = "11111111-1111-4111-8111-111111111111";
const NEW = "22222222-2222-4222-8222-222222222222";
const STAGING = "https://staging-certificates.we-gov.org";
const TOML = fs
  .readFileSync("wrangler.toml", "utf8")
  .replace(/database_id = "0{8}-[0-9-]+"/g, 'database_id = "3b1f9a6e-0d5c-4c1e-9a57-5e0c2b8f4d11"');

let keySet: string;
let rotation: { kid: string; privateJwk: string; keySet: string };
beforeAll(async () => {
  const k = await generateKey(new Date("2026-01-01T00:00:00Z"));
  keySet = JSON.stringify({ keys: [k.entry] });
  const next = await generateKey(new Date("2026-06-01T00:00:00Z"));
  rotation = {
    kid: next.kid,
    privateJwk: next.privateJwk,
    keySet: JSON.stringify({ keys: [{ ...k.entry, status: "retired", notAfter: "2026-06-01T00:00:00Z" }, next.entry] }),
  };
});

/** A recording machine; `live` says what the deployed Worker answers. */
function fakeIo(opts: { keys: string; live: "good" | "broken"; pending?: boolean; files?: Record<string, string> }) {
  const calls: string[] = [];
  const files: Record<string, string> = {
    "wrangler.toml": TOML,
    "keys/staging.json": opts.keys,
    "assets/brand/manifest.json": JSON.stringify({ placeholder: true }),
    ...opts.files,
  };
  const removed: string[] = [];
  const credential = { credentialStatus: [{ statusListCredential: `${STAGING}/status/r1` }] };
  const io: DeployIo = {
    async run(cmd, args) {
      const line = [cmd.endsWith("node") || cmd === process.execPath ? "node" : cmd, ...args]
        .join(" ")
        .replace("node node_modules/wrangler/bin/wrangler.js", "wrangler");
      calls.push(line);
      if (line.startsWith("git status")) return "";
      if (line.includes("secret list"))
        return JSON.stringify(
          ["ISSUER_PRIVATE_KEY", "ADMIN_TOKEN", "BACKUP_KEY", "EMAIL_ENCRYPTION_KEY", "EMAIL_INDEX_KEY"].map(
            (name) => ({
              name,
            }),
          ),
        );
      if (line.includes("migrations list")) return opts.pending ? "0009_operations.sql" : "✅ No migrations to apply!";
      if (line.includes("time-travel info"))
        return JSON.stringify({ bookmark: "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683" });
      if (line.includes("deployments status"))
        return JSON.stringify({ versions: [{ version_id: PREVIOUS, percentage: 100 }] });
      if (line.includes("signing_fenced_at") && line.includes("SELECT"))
        return JSON.stringify([{ results: [{ value: "2026-06-02T10:00:00Z" }] }]);
      if (line.includes("FROM certificates")) return JSON.stringify([{ results: [{ id: "AbCdEfGhIjKlMnOpQrStUv" }] }]);
      if (line.startsWith("wrangler deploy")) return `Uploaded\nCurrent Version ID: ${NEW}`;
      return "";
    },
    async fetch(url, init) {
      calls.push(`fetch ${init?.method ?? "GET"} ${url.slice(STAGING.length)}`);
      const path = url.slice(STAGING.length);
      if (path === "/health")
        return Response.json(
          opts.live === "good"
            ? { status: "ok", version: NEW }
            : { status: "degraded", version: NEW, checks: { signer: "misconfigured" } },
          { status: opts.live === "good" ? 200 : 503 },
        );
      if (path === "/.well-known/did.json")
        return Response.json({ id: "did:web:staging-certificates.we-gov.org", assertionMethod: ["x"] });
      if (path.startsWith("/c/")) return Response.json(credential);
      if (path === "/credentials/verify") return Response.json({ verified: true });
      return new Response("{}", { status: 200 });
    },
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT ${p}`);
      return files[p]!;
    },
    writeFile: (p, t) => void (files[p] = t),
    removeFile: (p) => void removed.push(p),
    appendFile: (p, t) => void (files[p] = (files[p] ?? "") + t),
    log: () => {},
    sleep: async () => {},
  };
  return { io, calls, files, removed };
}

const base = { env: "staging" as const, dryRun: false, tests: ["test/unit/status-list"], allowDirty: false };

describe("npm run deploy", () => {
  it("reads each environment's own base URL and database from wrangler.toml", () => {
    expect(envConfig(TOML, "staging")).toMatchObject({ baseUrl: STAGING, databaseName: "wego-certificates-staging" });
    expect(envConfig(TOML, "production")).toMatchObject({
      baseUrl: "https://certificates.we-gov.org",
      databaseName: "wego-certificates",
    });
  });

  it("--dry-run runs the checks and a real `wrangler deploy --dry-run` of the staging config, changing nothing", async () => {
    const { io, calls } = fakeIo({ keys: keySet, live: "good" });
    const realRun = (cmd: string, args: string[]) =>
      new Promise<string>((resolve, reject) =>
        execFile(cmd, args, { env: { ...process.env, CI: "true" }, maxBuffer: 64 << 20 }, (err, out, errOut) =>
          err ? reject(new Error(out + errOut)) : resolve(out + errOut),
        ),
      );
    const recorded = io.run;
    io.run = async (cmd, args, o) => {
      await recorded(cmd, args, o);
      // The gates that would run this suite inside itself stay recorded only.
      return cmd === process.execPath && args.includes("--dry-run") ? realRun(cmd, [...args]) : "";
    };
    let output = "";
    io.log = (l) => void (output += l + "\n");
    const realToml = fakeIo({ keys: keySet, live: "good" });
    io.readFile = (p) => (p === "wrangler.toml" ? fs.readFileSync(p, "utf8") : realToml.io.readFile(p));
    expect(await deploy({ ...base, dryRun: true }, io)).toBe("dry-run");
    expect(output).toContain("env.DB (wego-certificates-staging)");
    expect(output).toContain('env.WEGO_ENV ("staging")');
    expect(output).toContain("--dry-run: exiting now.");
    expect(calls.some((c) => /migrations apply|time-travel|secret|rollback|deployments/.test(c))).toBe(false);
    expect(calls.filter((c) => c.startsWith("wrangler deploy"))).toEqual([
      "wrangler deploy --dry-run --outdir .wrangler/deploy-dry-run --env staging",
    ]);
  }, 120_000);

  it("refuses before touching anything: no active key, a dirty tree, the placeholder database id", async () => {
    await expect(deploy(base, fakeIo({ keys: '{"keys": []}', live: "good" }).io)).rejects.toThrow(/no active key/);
    const dirty = fakeIo({ keys: keySet, live: "good" });
    const run = dirty.io.run;
    dirty.io.run = async (c, a) => (c === "git" ? " M src/app.ts" : run(c, a));
    await expect(deploy(base, dirty.io)).rejects.toThrow(/uncommitted changes/);
    const placeholder = fakeIo({
      keys: keySet,
      live: "good",
      files: { "wrangler.toml": fs.readFileSync("wrangler.toml", "utf8") },
    });
    await expect(deploy(base, placeholder.io)).rejects.toThrow(/database_id is the placeholder/);
    expect(
      [...dirty.calls, ...placeholder.calls].some((c) => /deploy|migrations apply/.test(c) && !c.startsWith("npm")),
    ).toBe(false);
  });

  it("records a Time Travel bookmark, applies migrations, deploys, and smoke-tests the new version", async () => {
    const { io, calls, files } = fakeIo({ keys: keySet, live: "good", pending: true });
    expect(await deploy(base, io)).toBe(NEW);
    const at = (p: string) => calls.findIndex((c) => c.includes(p));
    expect(at("npm run check")).toBeLessThan(at("time-travel info"));
    expect(at("vitest run test/unit/status-list")).toBeLessThan(at("time-travel info"));
    expect(at("time-travel info")).toBeLessThan(at("migrations apply DB --remote"));
    expect(at("migrations apply")).toBeLessThan(at("wrangler deploy --message"));
    expect(at("wrangler deploy")).toBeLessThan(at("fetch GET /health"));
    for (const path of ["/.well-known/did.json", "/c/AbCdEfGhIjKlMnOpQrStUv", "/status/r1"])
      expect(calls).toContain(`fetch GET ${path}`);
    expect(calls).toContain("fetch POST /credentials/verify");
    expect(calls.some((c) => c.includes("rollback"))).toBe(false);
    expect(files[".deploy-history/staging.jsonl"]).toContain(
      "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683",
    );
  });

  it("rolls back to the previous version when the smoke test fails, and says how to restore the database", async () => {
    const { io, calls } = fakeIo({ keys: keySet, live: "broken", pending: true });
    const err = await deploy(base, io).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect((err as Error).message).toMatch(/rolled back to 1{8}-/);
    expect((err as Error).message).toContain("time-travel restore DB --env staging --bookmark 00000085");
    expect(calls.find((c) => c.startsWith("wrangler rollback"))).toMatch(
      new RegExp(`^wrangler rollback ${PREVIOUS} --message smoke test failed`),
    );
  });

  it("a rotation fences signing first, stamps the fence time into the key set, and uploads the new secret with the version", async () => {
    const { io, calls, files, removed } = fakeIo({
      keys: rotation.keySet,
      live: "good",
      files: { "new-key.jwk": rotation.privateJwk },
    });
    expect(await deploy({ ...base, rotateKeyFile: "new-key.jwk" }, io)).toBe(NEW);
    const fence = calls.findIndex((c) => c.includes("'signing_kid'"));
    const deployed = calls.findIndex((c) => c.startsWith("wrangler deploy --"));
    expect(fence).toBeGreaterThan(0);
    expect(fence).toBeLessThan(deployed);
    expect(calls[fence]).toContain(rotation.kid);
    expect(calls[deployed]).toMatch(/--secrets-file \.wrangler\/rotation-secrets-\d+\.json/);
    const secretsFile = /--secrets-file (\S+)/.exec(calls[deployed]!)![1]!;
    expect(JSON.parse(files[secretsFile]!)).toEqual({ ISSUER_PRIVATE_KEY: rotation.privateJwk });
    expect(removed).toContain(secretsFile);
    const stamped = JSON.parse(files["keys/staging.json"]!).keys;
    expect(stamped.map((k: { notBefore: string; notAfter?: string }) => [k.notAfter, k.notBefore])).toEqual([
      ["2026-06-02T10:00:00Z", "2026-01-01T00:00:00Z"],
      [undefined, "2026-06-02T10:00:00Z"],
    ]);
    // A private key that is not the key set's active key is refused before anything remote.
    const wrong = fakeIo({
      keys: rotation.keySet,
      live: "good",
      files: {
        "new-key.jwk": JSON.parse(JSON.stringify(rotation.privateJwk)).replace(
          /"d":"[^"]+"/,
          '"d":"' + "A".repeat(43) + '"',
        ),
      },
    });
    await expect(deploy({ ...base, rotateKeyFile: "new-key.jwk" }, wrong.io)).rejects.toThrow(/--rotate-key/);
    expect(wrong.calls.some((c) => c.includes("signing_kid"))).toBe(false);
  });
});
