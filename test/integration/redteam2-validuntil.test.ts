/** Red team 2: validUntil far in the future — the QR token, the credential and every entry point must agree. */
import { describe, expect, it } from "vitest";
import { ADMIN, call, postJson, verify } from "../support/api";
import { parseCompactToken } from "../../src/domain/compact-token";

const auth = { authorization: `Bearer ${ADMIN}` };

async function drive(id: string) {
  for (let i = 0; i < 50; i++) {
    const r = await (await call(`/admin/batches/${id}/process`, { method: "POST", headers: auth })).json<any>();
    if (r.done) return r;
  }
  throw new Error("batch did not finish");
}

describe("redteam2: validUntil beyond uint32 seconds (year 2106)", () => {
  it("single issuance: the signed QR token states the same expiry as the credential (or the request is refused)", async () => {
    const res = await postJson("/admin/certificates", {
      recipient: { name: "Far Future", email: "far@example.org" },
      achievementId: "champions-2023-online",
      validUntil: "2200-01-01",
    });
    expect([201, 400]).toContain(res.status);
    if (res.status !== 201) return;
    const body = await res.json<any>();
    const token = parseCompactToken(new URL(body.qrUrl).hash.slice(1))!;
    expect(token).not.toBeNull();
    const credentialSeconds = Date.parse(body.credential.validUntil) / 1000;
    expect(token.validUntil).toBe(credentialSeconds);
  });

  it("year > 9999 through a time-zone offset: 400 or a certificate that verifies, never 500 / unverifiable", async () => {
    const res = await postJson("/admin/certificates", {
      recipient: { name: "Year Ten Thousand", email: "y10k@example.org" },
      achievementId: "champions-2023-online",
      validUntil: "9999-12-31T23:59:59-23:59",
    });
    expect(res.status).toBeLessThan(500);
    expect([201, 400]).toContain(res.status);
    if (res.status !== 201) return;
    const body = await res.json<any>();
    const v = await verify(body.credential);
    expect(v.body.verdict).toBe("valid");
    const page = await call(new URL(body.url).pathname);
    expect(page.status).toBeLessThan(500);
    const pdf = await call(new URL(body.pdfUrl).pathname);
    expect(pdf.status).toBeLessThan(500);
  });

  for (const [label, validUntil, name] of [
    ["far date", "2200-01-01", "Agree Name"],
    ["fraction + offset, spaced name", "2030-06-30T12:00:00.5+09:00", "  Agree\u200B  Name\u00a0 "],
] as const) {
    it(`single, VC-API and JSON batch issuance agree (${label})`, async () => {
      const single = await postJson("/admin/certificates", {
        recipient: { name, email: "agree@example.org" },
        achievementId: "champions-2023-online",
        validUntil,
      });
      const vcapi = await postJson("/credentials/issue", {
        credential: {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
          type: ["VerifiableCredential", "OpenBadgeCredential"],
          validUntil,
          credentialSubject: {
            type: ["AchievementSubject"],
            name,
            identifier: [{ type: "IdentityObject", identityType: "emailAddress", hashed: false, identityHash: "agree@example.org" }],
            achievement: { id: "http://127.0.0.1:8787/achievements/champions-2023-online", type: ["Achievement"] },
          },
        },
      });
      const externalId = `rt2-${label}-${Math.random()}`;
      const batch = await postJson("/admin/batches", {
        rows: [{ name, email: "agree@example.org", achievementId: "champions-2023-online", externalId, validUntil }],
      });
      expect(vcapi.status).toBe(single.status);
      expect(single.status).toBe(201);
      expect(batch.status).toBe(202);
      const b = await batch.json<any>();
      expect(b.counts.failed).toBe(0);
      await drive(b.id);
      const report = await (await call(`/admin/batches/${b.id}`, { headers: auth })).json<any>();
      const batchCert = await (await call(new URL(report.rows[0].url).pathname, { headers: { accept: "application/json" } })).json<any>();
      const s = (await single.json<any>()).credential;
      const v = (await vcapi.json<any>()).verifiableCredential;
      const facts = (c: any) => ({ validUntil: c.validUntil, name: c.credentialSubject.name });
      expect(facts(v)).toEqual(facts(s));
      expect(facts(batchCert)).toEqual(facts(s));
    });
  }
});
