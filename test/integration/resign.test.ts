/** Key compromise: every certificate the key signed is re-signed server-side from stored data. */
import { describe, expect, it } from "vitest";
import type { IssuerKey } from "../../src/adapters/crypto/keys";
import { client, workerEnv } from "../support/deps";
import { depsWithKeys, newIssuerKey } from "../support/issuer-keys";

async function appWith(entries: IssuerKey[], secret: string) {
  return client(await depsWithKeys(entries, secret));
}

describe("POST /admin/keys/{kid}/resign", () => {
  it("re-signs a compromised key's certificates in place: same ids and URLs, valid again, audited", async () => {
    const a = await newIssuerKey("2025-01-01T00:00:00Z");
    const b = await newIssuerKey("2025-06-01T00:00:00Z");
    const before = await appWith([a.entry], a.secret);
    const ids: string[] = [];
    for (const name of ["Resign One", "Resign Two", "Resign Three"]) {
      const res = await before.post("/admin/certificates", {
        recipient: { name, email: "r@example.org" },
        achievementId: "champions-2023-online",
      });
      ids.push((await res.json<{ id: string }>()).id);
    }
    expect((await before.post(`/admin/certificates/${ids[2]}/revoke`, { reason: "issued-in-error" })).status).toBe(200);

    const after = await appWith(
      [{ ...a.entry, status: "compromised", notAfter: "2025-06-01T00:00:00Z" }, { ...b.entry }],
      b.secret,
    );
    const stale = await (await after.get(`/c/${ids[0]}`, { accept: "application/json" })).json();
    const v0 = await (await after.post("/credentials/verify", { verifiableCredential: stale })).json<any>();
    expect(v0.errors[0].code).toBe("ERR_KEY_COMPROMISED");

    expect((await after.post(`/admin/keys/${b.entry.kid}/resign`, {})).status).toBe(409);
    expect((await after.post(`/admin/keys/${"x".repeat(43)}/resign`, {})).status).toBe(404);
    const res = await after.post(`/admin/keys/${a.entry.kid}/resign`, {});
    expect(await res.json()).toEqual({ resigned: 3, remaining: 0, newKid: b.entry.kid });
    expect(await (await after.post(`/admin/keys/${a.entry.kid}/resign`, {})).json()).toMatchObject({
      resigned: 0,
      remaining: 0,
    });

    for (const [i, id] of ids.entries()) {
      const vc = await (await after.get(`/c/${id}`, { accept: "application/json" })).json<any>();
      expect(vc.id).toContain(id);
      // OB 3.0: proof is a set of one (issue 10).
      expect([vc.proof].flat()[0].verificationMethod.endsWith("#" + b.entry.kid)).toBe(true);
      const v = await (await after.post("/credentials/verify", { verifiableCredential: vc })).json<any>();
      expect([v.verified, v.verdict]).toEqual(i === 2 ? [false, "revoked"] : [true, "valid"]);
      const jwt = await (await after.get(`/c/${id}.jwt`)).text();
      const vj = await (await after.post("/credentials/verify", { verifiableCredential: jwt })).json<any>();
      expect(vj.verdict).toBe(i === 2 ? "revoked" : "valid");
    }
    const audit = await workerEnv.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'certificate.resign'",
    ).first<number>("n");
    expect(audit).toBe(3);
  });

  it("re-signs a VC 1.1 credential as VC 1.1: its contexts and issuanceDate kept, valid again", async () => {
    const a = await newIssuerKey("2025-01-01T00:00:00Z");
    const b = await newIssuerKey("2025-06-01T00:00:00Z");
    const before = await appWith([a.entry], a.secret);
    const issued = await before.post("/credentials/issue", {
      credential: {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        type: ["VerifiableCredential"],
        issuer: "did:web:127.0.0.1%3A8787",
        issuanceDate: "2020-03-16T22:37:26Z",
        credentialSubject: { id: "did:example:resign" },
      },
    });
    expect(issued.status).toBe(201);
    const { verifiableCredential: old } = await issued.json<any>();
    const after = await appWith(
      [{ ...a.entry, status: "compromised", notAfter: "2025-06-01T00:00:00Z" }, { ...b.entry }],
      b.secret,
    );
    expect((await after.post(`/admin/keys/${a.entry.kid}/resign`, {})).status).toBe(200);
    const vc = await (await after.get(new URL(old.id).pathname, { accept: "application/json" })).json<any>();
    const { proof: _new, ...kept } = vc;
    const { proof: _old, ...was } = old;
    expect(kept).toEqual(was);
    expect(vc.proof[0].verificationMethod.endsWith("#" + b.entry.kid)).toBe(true);
    const v = await (await after.post("/credentials/verify", { verifiableCredential: vc })).json<any>();
    expect([v.verified, v.warnings.map((w: any) => w.code)]).toEqual([true, ["NOT_A_CERTIFICATE"]]);
  });
});
