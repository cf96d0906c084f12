/**
 * A whole key rotation as `npm run deploy -- --rotate-key` runs it, with a batch going through it:
 * version A signs part of the batch; the fence (migration 0009) stops A; version B (new secret and
 * new key set in one version, A's notAfter = the fence time) signs the rest. Nothing is signed in
 * the gap, every certificate verifies, and the old version after a rollback can neither sign nor
 * pass its health check.
 */
import { describe, expect, it } from "vitest";
import { loadSigner, type IssuerKey } from "../../src/adapters/crypto/keys";
import { fenceSigning } from "../../src/adapters/storage/operations-repository";
import { parseUpload } from "../../src/services/batch-upload";
import { createBatch, processBatch } from "../../src/services/batches";
import type { AppDeps } from "../../src/services/context";
import { client, workerEnv } from "../support/deps";
import { depsWithKeys, newIssuerKey } from "../support/issuer-keys";

const version = (entries: IssuerKey[], secret: string): Promise<AppDeps> => depsWithKeys(entries, secret);

const who = { actor: "bootstrap" };
const rows = Array.from({ length: 6 }, (_, i) => ({
  name: `Rotation Row ${i}`,
  email: `row${i}@example.org`,
  achievementId: "champions-2023-online",
  externalId: `rotation-${i}`,
}));

describe("key rotation through the signing fence", () => {
  it("a batch running through the rotation loses nothing and nothing is signed in the gap", async () => {
    const a = await newIssuerKey("2025-12-01T00:00:00Z");
    const b = await newIssuerKey("2025-12-01T00:00:00Z");
    const depsA = await version([a.entry], a.secret);
    // Created through the service (the upload route would sign the first chunk at once).
    const batchId = await createBatch(depsA, "json", await parseUpload(depsA, { kind: "json", value: { rows } }), who);
    expect(await processBatch(depsA, batchId, who, 2)).toBe(2);

    // Rotation starts: the deploy script fences signing to B before the new version is uploaded.
    const fencedAt = await fenceSigning(depsA.store, b.entry.kid);
    // Version A is still live for a moment: it signs nothing more, and says "try again".
    await expect(processBatch(depsA, batchId, who, 2)).rejects.toMatchObject({ code: "ERR_UNAVAILABLE", status: 503 });
    const single = await client(depsA).post("/admin/certificates", {
      recipient: { name: "In The Gap", email: "gap@example.org" },
      achievementId: "champions-2023-online",
    });
    expect(single.status).toBe(503);
    expect(single.headers.get("retry-after")).toBe("30");
    const byA = () =>
      workerEnv.DB.prepare("SELECT count(*) AS n FROM certificates WHERE key_id = ?")
        .bind(a.entry.kid)
        .first<{ n: number }>("n");
    expect(await byA()).toBe(2);

    // Version B: the new secret and the key set stamped with the fence time go live together.
    const depsB = await version(
      [
        { ...a.entry, status: "retired", notAfter: fencedAt },
        { ...b.entry, notBefore: fencedAt },
      ],
      b.secret,
    );
    while ((await processBatch(depsB, batchId, who, 2)) > 0);
    const issued = await workerEnv.DB.prepare(
      "SELECT c.key_id, c.credential, c.issued_at FROM batch_rows r JOIN certificates c ON c.id = r.certificate_id WHERE r.batch_id = ? ORDER BY r.line",
    )
      .bind(batchId)
      .all<{ key_id: string; credential: string; issued_at: string }>();
    expect(issued.results.map((r) => r.key_id)).toEqual([a.entry.kid, a.entry.kid, ...Array(4).fill(b.entry.kid)]);
    // Everything A signed is dated inside its window, and every certificate verifies on version B.
    for (const r of issued.results.filter((r) => r.key_id === a.entry.kid))
      expect(Date.parse(r.issued_at)).toBeLessThanOrEqual(Date.parse(fencedAt));
    const verifier = client(depsB);
    for (const r of issued.results) {
      const v = await (
        await verifier.post("/credentials/verify", { verifiableCredential: JSON.parse(r.credential) })
      ).json<any>();
      expect([v.verified, v.verdict]).toEqual([true, "valid"]);
    }
    expect((await verifier.get("/health")).status).toBe(200);

    // A rollback to version A is safe: it cannot sign (the fence) and its health check fails,
    // because certificates in the database were signed by a key it does not publish.
    const rolledBack = client(depsA);
    expect(
      (
        await rolledBack.post("/admin/certificates", {
          recipient: { name: "Rolled Back", email: "rb@example.org" },
          achievementId: "champions-2023-online",
        })
      ).status,
    ).toBe(503);
    const health = await rolledBack.get("/health");
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ checks: { keys: "misconfigured" } });

    // A mis-pasted secret (B's public part, A's private part) never becomes the signer.
    const mismatched = JSON.stringify({ ...JSON.parse(b.secret), d: JSON.parse(a.secret).d });
    await expect(loadSigner(mismatched, [...depsB.keys])).rejects.toThrow(/does not match/);
    await workerEnv.DB.exec("DELETE FROM service_settings");
  });
});
