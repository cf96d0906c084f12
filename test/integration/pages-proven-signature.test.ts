/**
 * The certificate page remembers a verified signature per isolate (services/proven-signatures.ts):
 * a remembered signature never outlives a revocation, a suspension, a compromised key or a change
 * of the stored credential's bytes.
 */
import { describe, expect, it } from "vitest";
import { forgetProven, provenEntryUrl, provenSignatureCount, storedDigest } from "../../src/services/proven-signatures";
import { client, countingDeps, storedCredentialText, testDeps, workerEnv } from "../support/deps";
import { depsWithKeys, newIssuerKey } from "../support/issuer-keys";

const HTML = { accept: "text/html" };
const body = (name: string) => ({
  recipient: { name, email: "proven@example.org" },
  achievementId: "champions-2023-online",
});
type Client = ReturnType<typeof client>;

async function verdictOf(app: Client, id: string): Promise<string | undefined> {
  const page = await (await app.get(`/c/${id}`, HTML)).text();
  return /data-verdict="([a-z-]+)"/.exec(page)?.[1];
}

describe("certificate page: remembered signatures", () => {
  it("a suspension or revocation after a remembered valid view shows on the next view", async () => {
    const app = client(await testDeps());
    const { id } = await (await app.post("/admin/certificates", body("Cached Then Revoked"))).json<{ id: string }>();
    const before = provenSignatureCount();
    expect(await verdictOf(app, id)).toBe("valid");
    expect(provenSignatureCount()).toBe(before + 1);
    // The second view is answered from memory (nothing new remembered) and is still valid.
    expect(await verdictOf(app, id)).toBe("valid");
    expect(provenSignatureCount()).toBe(before + 1);
    expect((await app.post(`/admin/certificates/${id}/suspend`, { reason: "under-review" })).status).toBe(200);
    expect(await verdictOf(app, id)).toBe("suspended");
    expect((await app.post(`/admin/certificates/${id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    expect(await verdictOf(app, id)).toBe("revoked");
  });

  it("a key reported compromised makes a remembered certificate invalid", async () => {
    const a = await newIssuerKey("2026-01-01T00:00:00Z");
    const clock = { clock: () => new Date("2026-03-01T00:00:00Z") };
    const app = client(await depsWithKeys([a.entry], a.secret, clock));
    const { id } = await (await app.post("/admin/certificates", body("Cached Then Burnt"))).json<{ id: string }>();
    expect(await verdictOf(app, id)).toBe("valid");
    const b = await newIssuerKey("2026-02-01T00:00:00Z");
    const burnt = client(await depsWithKeys([{ ...a.entry, status: "compromised" }, b.entry], b.secret, clock));
    const page = await (await burnt.get(`/c/${id}`, HTML)).text();
    expect(/data-verdict="([a-z-]+)"/.exec(page)?.[1]).toBe("invalid");
    expect(page).toContain('data-check="issuer-key" data-status="failed"');
  });

  it("a stored credential whose bytes changed is verified again", async () => {
    const app = client(await testDeps());
    const { id } = await (await app.post("/admin/certificates", body("Cached Then Edited"))).json<{ id: string }>();
    expect(await verdictOf(app, id)).toBe("valid");
    const row = await workerEnv.DB.prepare("SELECT credential FROM certificates WHERE id = ?")
      .bind(id)
      .first<{ credential: string }>();
    const edited = row!.credential.replace("Cached Then Edited", "Someone Else Entirely");
    expect(edited).not.toBe(row!.credential);
    await workerEnv.DB.prepare("UPDATE certificates SET credential = ? WHERE id = ?").bind(edited, id).run();
    // New deps: a new isolate-level row cache, while the remembered signatures are shared.
    const fresh = client(await testDeps());
    const page = await (await fresh.get(`/c/${id}`, HTML)).text();
    expect(/data-verdict="([a-z-]+)"/.exec(page)?.[1]).toBe("invalid");
    expect(page).toContain('data-check="signature" data-status="failed"');
    // The same content in other bytes (re-serialized) is verified again too, and is valid.
    const reformatted = JSON.stringify(JSON.parse(row!.credential), null, 1);
    await workerEnv.DB.prepare("UPDATE certificates SET credential = ? WHERE id = ?").bind(reformatted, id).run();
    const before = provenSignatureCount();
    expect(await verdictOf(client(await testDeps()), id)).toBe("valid");
    expect(provenSignatureCount()).toBe(before + 1);
  });
});

describe("certificate page: verifications shared with new isolates (Cache API)", () => {
  it("a new isolate's first view uses another isolate's verification of the same bytes", async () => {
    const first = await countingDeps();
    const app = client(first.deps);
    const { id } = await (await app.post("/admin/certificates", body("Shared Proof"))).json<{ id: string }>();
    expect(await verdictOf(app, id)).toBe("valid");
    expect(first.counter.calls).toBeGreaterThan(0);
    const entry = await first.deps.edgeCache!.match(
      provenEntryUrl(first.deps, await storedDigest(await storedCredentialText(id))),
    );
    expect(entry?.headers.get("X-Proven-Credential")).toMatch(/^[0-9a-f]{64} [0-9a-f]{64}$/);
    forgetProven(); // a new isolate
    const second = await countingDeps();
    expect(await verdictOf(client(second.deps), id)).toBe("valid");
    expect(second.counter.calls).toBe(0);
    // Without the Cache API the new isolate verifies in full.
    forgetProven();
    const alone = await countingDeps({ edgeCache: undefined });
    expect(await verdictOf(client(alone.deps), id)).toBe("valid");
    expect(alone.counter.calls).toBeGreaterThan(0);
  });

  it("a tampered or foreign entry is not trusted: the bytes are verified in full", async () => {
    const { deps } = await countingDeps();
    const app = client(deps);
    const { id } = await (await app.post("/admin/certificates", body("Tampered Entry"))).json<{ id: string }>();
    const digest = await storedDigest(await storedCredentialText(id));
    const put = (text: string) =>
      deps.edgeCache!.put(
        provenEntryUrl(deps, digest),
        new Response(text, { headers: { "X-Proven-Credential": text, "Cache-Control": "max-age=600" } }),
      );
    for (const text of [
      `${digest} ${"ab".repeat(32)}`, // another key than the proof names
      `${"0".repeat(64)} ${"ab".repeat(32)}`, // another digest
      "valid",
    ]) {
      await put(text);
      const stored = await deps.edgeCache!.match(provenEntryUrl(deps, digest));
      expect(stored?.headers.get("X-Proven-Credential")).toBe(text);
      forgetProven();
      const fresh = await countingDeps();
      expect(await verdictOf(client(fresh.deps), id)).toBe("valid");
      expect(fresh.counter.calls).toBeGreaterThan(0);
    }
  });

  it("an entry for the row's old bytes does not vouch for an edited row", async () => {
    const { deps } = await countingDeps();
    const app = client(deps);
    const { id } = await (await app.post("/admin/certificates", body("Shared Then Edited"))).json<{ id: string }>();
    expect(await verdictOf(app, id)).toBe("valid"); // verified and shared
    const text = await storedCredentialText(id);
    const edited = text.replace("Shared Then Edited", "Someone Else Shared");
    await workerEnv.DB.prepare("UPDATE certificates SET credential = ? WHERE id = ?").bind(edited, id).run();
    forgetProven();
    const fresh = await countingDeps();
    const page = await (await client(fresh.deps).get(`/c/${id}`, HTML)).text();
    expect(/data-verdict="([a-z-]+)"/.exec(page)?.[1]).toBe("invalid");
    expect(page).toContain('data-check="signature" data-status="failed"');
    expect(fresh.counter.calls).toBeGreaterThan(0);
  });
});
