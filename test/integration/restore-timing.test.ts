/**
 * Backup and restore at scale: 200 certificates in `npm test`, 10,000 in `npm run test:slow`
 * (copies of one issued certificate's row, so the data has the real size). Logs the times; it
 * asserts the counts, never a duration.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { executeStatements } from "../../src/adapters/storage/backup-repository";
import { r2Backups } from "../../src/index";
import { decodeBackup, importBackupKey, restoreStatements } from "../../src/services/backup-format";
import { writeBackup } from "../../src/services/backup";
import { issue } from "../support/api";
import { testDeps } from "../support/deps";
import { sized } from "../support/fast-check-setup";

const bindings = env as unknown as { TEST_BACKUPS: R2Bucket; RESTORE_DB: D1Database };
const secret = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

describe("backup and restore at scale", () => {
  it("round-trips every certificate row", async () => {
    const n = sized(200, 10_000);
    const a = await issue("Scale Probe");
    const db = (await testDeps()).store.d1;
    for (let done = 0; done < n - 1; done += 1000)
      await db
        .prepare(
          `WITH RECURSIVE seq(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?2)
           INSERT INTO certificates (id, achievement_id, recipient_name, identity_hash, credential, vc_jwt, key_id, issued_at, valid_until, status)
           SELECT 'copy' || printf('%018d', i), achievement_id, recipient_name, identity_hash, credential, vc_jwt, key_id, issued_at, valid_until, status
           FROM certificates, seq WHERE id = ?3`,
        )
        .bind(done + 1, Math.min(done + 1000, n - 1), a.id)
        .run();
    const total = await db.prepare("SELECT count(*) AS n FROM certificates").first<number>("n");
    expect(total).toBeGreaterThanOrEqual(n);

    const deps = await testDeps({ backups: r2Backups(bindings.TEST_BACKUPS, secret) });
    const t0 = Date.now();
    const written = await writeBackup(deps);
    const t1 = Date.now();
    const file = (await deps.backups!.get(written.key))!;
    const records = await decodeBackup(await importBackupKey(secret), file);
    await executeStatements(bindings.RESTORE_DB, restoreStatements(records));
    const t2 = Date.now();
    console.info(
      `backup/restore of ${total} certificates: backup ${t1 - t0} ms (${Math.round(written.bytes / 1024)} KiB encrypted), restore ${t2 - t1} ms`,
    );
    expect(await bindings.RESTORE_DB.prepare("SELECT count(*) AS n FROM certificates").first<number>("n")).toBe(total);
  });
});
