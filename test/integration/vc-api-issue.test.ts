/** W3C VC-API issue: WeGO signs a caller's credential; undefined terms are refused, never left unsigned. */
import { describe, expect, it } from "vitest";
import { postJson, verify } from "../support/api";

const DID = "did:web:127.0.0.1%3A8787";
const credential = {
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  issuer: DID,
  credentialSubject: {
    type: ["AchievementSubject"],
    name: "Nguyễn Thị Minh Khai",
    achievement: {
      id: "http://127.0.0.1:8787/achievements/champions-2023-online",
      type: ["Achievement"],
      name: "WeGO Sustainable Smart City Champions 2023: online lectures",
      criteria: { narrative: "Completed all eight online lectures." },
    },
  },
};

describe("POST /credentials/issue", () => {
  it("returns 201 { verifiableCredential } that verifies", async () => {
    const res = await postJson("/credentials/issue", { credential });
    expect(res.status).toBe(201);
    const { verifiableCredential: vc } = await res.json<any>();
    expect(vc.issuer.id).toBe(DID);
    expect(vc.proof.cryptosuite).toBe("eddsa-rdfc-2022");
    expect(typeof vc.validFrom).toBe("string");
    const { status, body } = await verify(vc);
    expect([status, body.verified]).toEqual([200, true]);
  });

  it("refuses another issuer, a proof, and terms the contexts do not define", async () => {
    const other = await (
      await postJson("/credentials/issue", { credential: { ...credential, issuer: "did:web:evil.example" } })
    ).json<any>();
    expect([other.status, other.field]).toEqual([400, "credential.issuer"]);
    const withProof = await (
      await postJson("/credentials/issue", { credential: { ...credential, proof: {} } })
    ).json<any>();
    expect(withProof.status).toBe(400);
    expect(withProof.field).toMatch(/^credential\.proof/);
    const undefinedTerm = await (
      await postJson("/credentials/issue", {
        credential: { ...credential, credentialSubject: { ...credential.credentialSubject, venue: "Milan" } },
      })
    ).json<any>();
    expect([undefinedTerm.status, undefinedTerm.code, undefinedTerm.field]).toEqual([
      400,
      "ERR_VALIDATION",
      "credential",
    ]);
  });

  it("needs a token with the issue scope", async () => {
    const res = await postJson("/credentials/issue", { credential }, { authorization: "Bearer nope" });
    expect(res.status).toBe(401);
  });
});
