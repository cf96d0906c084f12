/**
 * The restore drill, in workerd against local D1: issue and revoke, take the nightly backup into
 * R2 (encrypted), restore it into an empty database, and re-verify sampled certificates there.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { executeStatements } from "../../src/adapters/storage/backup-repository";
import { createStore } from "../../src/adapters/storage/database";
import { r2Backups } from "../../src/index";
import { decodeBackup, importBackupKey, restoreStatements } from "../../src/services/backup-format";
import { expiredBackups, nightlyBackup } from "../../src/services/backup";
import { issue, postJson } from "../support/api";
import { client, testDeps } from "../support/deps";

const bindings = env as unknown as { TEST_BACKUPS: R2Bucket; RESTORE_DB: D1Database };
const secret = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));

describe("backup and restore", () => {
  it("a backup restored into an empty database verifies every sampled certificate, revocations included", async () => {
    const issued = [];
    for (const name of ["김민준", "Ελένη Παπαδοπούλου", "Ana María", "Иван", "Ngozi Okafor", "Lee Ji-eun"])
      issued.push(await issue(name));
    expect((await postJson(`/admin/certificates/${issued[1]!.id}/revoke`, { reason: "issued-in-error" })).status).toBe(
      200,
    );

    const deps = await testDeps({ backups: r2Backups(bindings.TEST_BACKUPS, secret) });
    const alerts: unknown[] = [];
    await nightlyBackup(deps, async (r) => void alerts.push(r));
    expect(alerts).toEqual([]);
    const objects = await deps.backups!.list("d1/");
    expect(objects).toHaveLength(1);
    const file = (await deps.backups!.get(objects[0]!.key))!;
    // Encrypted: no name, email or credential text readable in the object.
    const raw = new TextDecoder().decode(file);
    for (const needle of ["Ngozi", "OpenBadgeCredential", "certificates"]) expect(raw).not.toContain(needle);

    const started = Date.now();
    const decoded = await decodeBackup(await importBackupKey(secret), file);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const records = decoded.value;
    await executeStatements(bindings.RESTORE_DB, restoreStatements(records));
    console.info(`restore drill: ${issued.length} certificates restored in ${Date.now() - started} ms`);

    const count = (db: D1Database, t: string) => db.prepare(`SELECT count(*) AS n FROM ${t}`).first<number>("n");
    for (const table of ["certificates", "audit_log", "achievements", "status_list_cache", "d1_migrations"])
      expect(await count(bindings.RESTORE_DB, table)).toBe(await count(deps.store.d1, table));
    const restored = client({ ...deps, store: createStore(bindings.RESTORE_DB) });
    for (const c of issued) {
      const res = await restored.post("/credentials/verify", { verifiableCredential: c.credential });
      const v = await res.json<any>();
      expect([v.verified, v.verdict]).toEqual(c === issued[1] ? [false, "revoked"] : [true, "valid"]);
    }
    // The fence triggers came back too.
    const triggers = await bindings.RESTORE_DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name",
    ).all();
    expect(triggers.results.map((r) => r.name)).toContain("certificates_signing_fence");
  });

  it("a wrong key, an altered byte or a truncated file is refused, never half-restored", async () => {
    const deps = await testDeps({ backups: r2Backups(bindings.TEST_BACKUPS, secret) });
    const objects = await deps.backups!.list("d1/");
    const file = (await deps.backups!.get(objects[objects.length - 1]!.key))!;
    const key = await importBackupKey(secret);
    const other = await importBackupKey(btoa(String.fromCharCode(...new Uint8Array(32).fill(7))));
    expect(await decodeBackup(other, file)).toMatchObject({
      ok: false,
      error: { code: "ERR_BACKUP_UNDECRYPTABLE", message: expect.stringMatching(/wrong BACKUP_KEY/) },
    });
    const altered = file.slice();
    altered[altered.length - 20]! ^= 1;
    expect(await decodeBackup(key, altered)).toMatchObject({ ok: false, error: { code: "ERR_BACKUP_UNDECRYPTABLE" } });
    expect(await decodeBackup(key, file.slice(0, file.length - 40))).toMatchObject({
      ok: false,
      error: { code: "ERR_BACKUP_TRUNCATED" },
    });
    expect(await decodeBackup(key, file.slice(1))).toMatchObject({
      ok: false,
      error: { code: "ERR_BACKUP_NOT_BACKUP" },
    });
  });

  it("retention keeps 35 days of daily backups and the first of each month for 13 months", () => {
    const now = new Date("2026-12-01T18:30:00Z");
    const at = (iso: string) => ({ key: iso, size: 1, uploaded: new Date(iso) });
    const objects = [
      "2026-11-30T18:30:00Z",
      "2026-10-20T18:30:00Z",
      "2026-10-01T18:30:00Z",
      "2025-10-01T18:30:00Z",
    ].map(at);
    expect(expiredBackups(objects, now)).toEqual(["2026-10-20T18:30:00Z", "2025-10-01T18:30:00Z"]);
  });
});
