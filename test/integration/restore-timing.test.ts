/**
 * The restore drill at scale: 200 certificates in `npm test`, 10,000 in `npm run test:slow` (the
 * figure in RUNBOOK.md "Restore drill"). A few certificates are issued for real; the rest are
 * copies of one with their own id, name, slot, proof and VC-JWT (random, so the backup compresses
 * them no better than real ones) and their own audit row. Times the nightly backup, the decryption,
 * the load into an empty database and the re-verification of the real ones there; it logs the
 * times and asserts the counts and verdicts, never a duration.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { executeStatements } from "../../src/adapters/storage/backup-repository";
import { createStore } from "../../src/adapters/storage/database";
import { r2Backups } from "../../src/index";
import { decodeBackup, importBackupKey, restoreStatements } from "../../src/services/backup-format";
import { writeBackup } from "../../src/services/backup";
import { issue } from "../support/api";
import { client, testDeps } from "../support/deps";
import { copyStatements } from "../support/certificate-copies";
import { sized } from "../support/fast-check-setup";

const bindings = env as unknown as { TEST_BACKUPS: R2Bucket; RESTORE_DB: D1Database };
const secret = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

describe("restore drill at scale", () => {
  it("restores every certificate and audit row, and the sampled certificates verify", async () => {
    const n = sized(200, 10_000);
    const real = [];
    for (const name of sized(
      ["김민준", "Ana María"],
      ["김민준", "Ana María", "Ngozi Okafor", "Иван Петров", "Lee Ji-eun"],
    ))
      real.push(await issue(name));
    const db = (await testDeps()).store.d1;
    const columns = (await db.prepare("PRAGMA table_info(certificates)").all<{ name: string }>()).results.map(
      (c) => c.name,
    );
    const model = real[0]!;
    const proofValue = model.credential.proof[0]!.proofValue as string;
    for (let done = 0; done < n - real.length; done += 1000) {
      const range: [number, number] = [done + 1, Math.min(done + 1000, n - real.length)];
      await db.batch(copyStatements(db, columns, range, model.id, proofValue));
    }
    const count = (d: D1Database, t: string) => d.prepare(`SELECT count(*) AS n FROM ${t}`).first<number>("n");
    const total = await count(db, "certificates");
    expect(total).toBeGreaterThanOrEqual(n);

    const deps = await testDeps({ backups: r2Backups(bindings.TEST_BACKUPS, secret) });
    const t0 = Date.now();
    const written = await writeBackup(deps);
    const t1 = Date.now();
    const decoded = await decodeBackup(await importBackupKey(secret), (await deps.backups!.get(written.key))!);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const records = decoded.value;
    const t2 = Date.now();
    await executeStatements(bindings.RESTORE_DB, restoreStatements(records));
    const t3 = Date.now();
    const restored = client({ ...deps, store: createStore(bindings.RESTORE_DB) });
    const verdicts = [];
    for (const c of real) {
      const res = await restored.post("/credentials/verify", { verifiableCredential: c.credential });
      verdicts.push((await res.json<{ verdict: string }>()).verdict);
    }
    const t4 = Date.now();
    console.info(
      `restore drill of ${total} certificates (${Math.round(written.bytes / 1024)} KiB encrypted): ` +
        `backup ${t1 - t0} ms; restore ${t3 - t1} ms (decrypt ${t2 - t1} ms, load ${t3 - t2} ms); ` +
        `${real.length} sampled verified in ${t4 - t3} ms`,
    );
    for (const table of ["certificates", "audit_log"])
      expect(await count(bindings.RESTORE_DB, table)).toBe(await count(db, table));
    expect(verdicts).toEqual(real.map(() => "valid"));
  });
});
