/**
 * W3C VC-API issue. Every signature WeGO's key makes is a certificate on record: the VC-API path
 * issues exactly as POST /admin/certificates does (stored, audited, with status entries, catalogue
 * achievements only, issuer and dates set by the service), so nothing it signs escapes revocation.
 */
import { describe, expect, it } from "vitest";
import { call, postJson, verify } from "../support/api";

const DID = "did:web:127.0.0.1%3A8787";
const ONLINE = "http://127.0.0.1:8787/achievements/champions-2023-online";
const credential = {
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  issuer: DID,
  credentialSubject: {
    type: ["AchievementSubject"],
    name: "Nguyễn Thị Minh Khai",
    identifier: [
      { type: "IdentityObject", identityType: "emailAddress", hashed: false, identityHash: "khai@example.org" },
    ],
    achievement: { id: ONLINE, type: ["Achievement"] },
  },
};

type Json = Record<string, any>;

async function issueVcApi(body: unknown): Promise<{ status: number; body: Json }> {
  const res = await postJson("/credentials/issue", body);
  return { status: res.status, body: await res.json<Json>() };
}

describe("POST /credentials/issue", () => {
  it("issues a stored, audited, revocable certificate that verifies", async () => {
    const { status, body } = await issueVcApi({ credential });
    expect(status).toBe(201);
    const vc = body.verifiableCredential;
    expect(vc.issuer).toMatchObject({ id: DID, official: "Park Jung Sook, Secretary General" });
    expect(vc.credentialSubject.achievement.name).toBe("WeGO Sustainable Smart City Champions 2023: online lectures");
    expect(vc.credentialSubject.identifier[0]).toMatchObject({ hashed: true, identityType: "emailAddress" });
    expect(JSON.stringify(vc)).not.toContain("khai@example.org");
    expect(vc.credentialStatus).toHaveLength(2);
    expect((await verify(vc)).status).toBe(200);

    const id = vc.id.split("/c/")[1];
    const stored = await call(`/c/${id}`, { headers: { accept: "application/json" } });
    expect(await stored.json()).toEqual(vc);
    const audit = await (
      await call("/admin/audit?limit=20", {
        headers: { authorization: `Bearer ${(await import("../support/api")).ADMIN}` },
      })
    ).json<Json>();
    expect(audit.entries.map((e: Json) => [e.action, e.target])).toContainEqual(["certificate.issue", id]);

    expect((await postJson(`/admin/certificates/${id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    const after = await verify(vc);
    expect([after.status, after.body.verdict]).toEqual([400, "revoked"]);
  });

  it("signs nothing outside the catalogue or beyond what the service sets", async () => {
    const subject = credential.credentialSubject;
    const cases: Array<[string, unknown, string]> = [
      ["another issuer", { ...credential, issuer: "did:web:evil.example" }, "credential.issuer"],
      ["a proof", { ...credential, proof: {} }, "credential.proof"],
      ["a name for the credential", { ...credential, name: "Doctorate" }, "credential.name"],
      ["a back-dated validFrom", { ...credential, validFrom: "2001-01-01T00:00:00Z" }, "credential.validFrom"],
      ["its own id", { ...credential, id: "http://127.0.0.1:8787/c/AAAAAAAAAAAAAAAAAAAAAA" }, "credential.id"],
      ["its own status", { ...credential, credentialStatus: [] }, "credential.credentialStatus"],
      ["an issuer profile", { ...credential, issuer: { id: DID, official: "Someone else" } }, "credential.issuer"],
      [
        "an achievement outside the catalogue",
        { ...credential, credentialSubject: { ...subject, achievement: { id: "https://evil.example/phd" } } },
        "credential.credentialSubject.achievement.id",
      ],
      [
        "an unknown catalogue id",
        { ...credential, credentialSubject: { ...subject, achievement: { id: ONLINE + "-phd" } } },
        "credential.credentialSubject.achievement.id",
      ],
      [
        "achievement content",
        { ...credential, credentialSubject: { ...subject, achievement: { id: ONLINE, name: "Doctorate" } } },
        "credential.credentialSubject.achievement.name",
      ],
      [
        "an undefined term",
        { ...credential, credentialSubject: { ...subject, venue: "Milan" } },
        "credential.credentialSubject.venue",
      ],
      [
        "a full-IRI key",
        { ...credential, "https://www.w3.org/2018/credentials#validFrom": "2001-01-01T00:00:00Z" },
        "credential.https://www.w3.org/2018/credentials#validFrom",
      ],
      [
        "an empty name",
        { ...credential, credentialSubject: { ...subject, name: "" } },
        "credential.credentialSubject.name",
      ],
    ];
    for (const [what, c, field] of cases) {
      const { status, body } = await issueVcApi({ credential: c });
      // An unknown catalogue id is 422 ERR_UNKNOWN_ACHIEVEMENT, as on POST /admin/certificates.
      expect([what, status, body.field]).toEqual([what, what === "an unknown catalogue id" ? 422 : 400, field]);
    }
  });

  it("needs a token with the issue scope", async () => {
    const res = await postJson("/credentials/issue", { credential }, { authorization: "Bearer nope" });
    expect(res.status).toBe(401);
  });
});
