/** Key rotation: old credentials keep verifying after rotation; a compromised key's credentials fail. */
import { describe, expect, it } from "vitest";
import { loadSigner, parseKeySet, type IssuerKey } from "../../src/adapters/crypto/keys";
import { client } from "../support/deps";
import { depsWithKeys, newIssuerKey } from "../support/issuer-keys";

async function appWith(entries: IssuerKey[], secret: string, now: string) {
  return client(await depsWithKeys(entries, secret, { clock: () => new Date(now) }));
}

const body = { recipient: { name: "Rotation Test", email: "r@example.org" }, achievementId: "champions-2023-online" };

describe("key rotation", () => {
  it("a credential issued before rotation verifies after it; retired keys cannot sign; compromise fails it", async () => {
    const a = await newIssuerKey("2026-01-01T00:00:00Z");
    const before = await appWith([a.entry], a.secret, "2026-03-01T00:00:00Z");
    const issued = await (await before.post("/admin/certificates", body)).json<any>();
    expect(issued.credential.proof[0]!.verificationMethod.endsWith("#" + a.entry.kid)).toBe(true);
    const jwt = await (await before.get(`/c/${issued.id}.jwt`)).text();

    const b = await newIssuerKey("2026-06-01T00:00:00Z");
    const retiredA: IssuerKey = { ...a.entry, status: "retired", notAfter: "2026-06-01T00:00:00Z" };
    const after = await appWith([retiredA, b.entry], b.secret, "2026-07-01T00:00:00Z");
    for (const vc of [issued.credential, jwt]) {
      const v = await (await after.post("/credentials/verify", { verifiableCredential: vc })).json<any>();
      expect([v.verified, v.verdict]).toEqual([true, "valid"]);
      expect(v.checks.find((c: any) => c.check === "issuer-key").message).toContain("earlier WeGO key");
    }
    const fresh = await (await after.post("/admin/certificates", body)).json<any>();
    expect(fresh.credential.proof[0]!.verificationMethod.endsWith("#" + b.entry.kid)).toBe(true);
    const did = await (await after.get("/.well-known/did.json")).json<any>();
    expect(did.assertionMethod).toHaveLength(2);

    // The retired key can no longer be loaded as the signer.
    await expect(loadSigner(a.secret, await parseKeySet({ keys: [retiredA, b.entry] }))).rejects.toThrow(/retired/);
    // A secret whose private part belongs to another key (a mis-pasted `d`) is refused at start-up.
    const mismatched = JSON.stringify({ ...JSON.parse(b.secret), d: JSON.parse(a.secret).d });
    await expect(loadSigner(mismatched, await parseKeySet({ keys: [b.entry] }))).rejects.toThrow(/does not match/);

    // A signature claiming a time after the key's retirement is refused.
    const late = await appWith([{ ...a.entry }], a.secret, "2026-08-01T00:00:00Z");
    const forged = await (await late.post("/admin/certificates", body)).json<any>();
    const v2 = await (await after.post("/credentials/verify", { verifiableCredential: forged.credential })).json<any>();
    expect(v2.errors.map((e: any) => e.code)).toContain("ERR_KEY_NOT_VALID_AT_ISSUANCE");

    const compromisedA: IssuerKey = { ...retiredA, status: "compromised" };
    const burnt = await appWith([compromisedA, b.entry], b.secret, "2026-09-01T00:00:00Z");
    const v3 = await (await burnt.post("/credentials/verify", { verifiableCredential: issued.credential })).json<any>();
    expect([v3.verified, v3.verdict]).toEqual([false, "invalid"]);
    expect(v3.errors[0].code).toBe("ERR_KEY_COMPROMISED");
    const did3 = await (await burnt.get("/.well-known/did.json")).json<any>();
    const jwks = await (await burnt.get("/.well-known/jwks.json")).json<any>();
    expect(jwks.keys.map((k: any) => k.kid)).toEqual([`${did3.id}#${b.entry.kid}`]);
    expect(did3.assertionMethod).toEqual([`${did3.id}#${b.entry.kid}`]);
  });

  it("a key set whose kid is not the thumbprint is refused", async () => {
    const a = await newIssuerKey("2026-01-01T00:00:00Z");
    await expect(parseKeySet({ keys: [{ ...a.entry, kid: "not-the-thumbprint" }] })).rejects.toThrow(/thumbprint/);
  });
});
