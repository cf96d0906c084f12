/**
 * Red team of the verification paths changed by issue 14 (PDF register, short codes, VC-API
 * non-certificates). Each case failed on main before its fix.
 */
import { describe, expect, it } from "vitest";
import { BASE, call, postJson } from "../support/api";

const DID = "did:web:127.0.0.1%3A8787";
const VC2 = "https://www.w3.org/ns/credentials/v2";
const OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const OB_CLASS = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential";
type Json = Record<string, any>;

/** A certificate-looking subject outside the catalogue, for a credential that is not typed as one in JSON. */
const subject = {
  type: ["AchievementSubject"],
  name: "Mallory",
  achievement: {
    id: `${BASE}/achievements/champions-2031`,
    type: ["Achievement"],
    name: "WeGO Sustainable Smart City Champions 2031",
    description: "x",
    criteria: { narrative: "x" },
  },
};

describe("VC-API: WeGO's key signs certificates and status lists only through the service's own paths", () => {
  it("refuses OpenBadgeCredential written as a full IRI, a compact IRI or an inline alias", async () => {
    const cases: unknown[] = [
      { "@context": [VC2, OB3], type: ["VerifiableCredential", OB_CLASS], validFrom: "2020-01-01T00:00:00Z" },
      {
        "@context": [VC2, OB3, { ob: "https://purl.imsglobal.org/spec/vc/ob/vocab.html#" }],
        type: ["VerifiableCredential", "ob:OpenBadgeCredential"],
      },
      { "@context": [VC2, OB3, { Champion: OB_CLASS }], type: ["VerifiableCredential", "Champion"] },
    ];
    for (const c of cases) {
      const res = await postJson("/credentials/issue", {
        credential: { ...(c as Json), issuer: DID, credentialSubject: subject },
      });
      const body = await res.json<Json>();
      expect([res.status, body.code, body.field]).toEqual([400, "ERR_VALIDATION", "credential.type"]);
    }
    // Nor an id that is a certificate's address written another way (RFC 3986 §6.2.2).
    const aliasId = {
      "@context": [VC2],
      type: ["VerifiableCredential"],
      issuer: DID,
      credentialSubject: { id: "did:example:1" },
      id: "HTTP://127.0.0.1:8787/./c/AAAAAAAAAAAAAAAAAAAAAA",
    };
    const res = await postJson("/credentials/issue", { credential: aliasId });
    expect([res.status, (await res.json<Json>()).field]).toEqual([400, "credential.id"]);
    // A status list signed with WeGO's key could clear every revocation in the list it imitates:
    // neither at our list's address nor anywhere else.
    const list = {
      "@context": [VC2],
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: DID,
      credentialSubject: {
        type: "BitstringStatusList",
        statusPurpose: "revocation",
        encodedList: "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
      },
    };
    const plain = {
      "@context": [VC2],
      type: ["VerifiableCredential"],
      issuer: DID,
      credentialSubject: { id: "did:example:1" },
    };
    // A status entry of the caller's own pointing into WeGO's lists, however the JSON spells it:
    // the signed credential would follow another certificate's slot.
    const S = "https://www.w3.org/ns/credentials/status#";
    const intoOurList = {
      ...plain,
      "https://www.w3.org/2018/credentials#credentialStatus": {
        "@type": `${S}BitstringStatusListEntry`,
        [`${S}statusPurpose`]: "revocation",
        [`${S}statusListIndex`]: "7",
        [`${S}statusListCredential`]: { "@id": `${BASE}/./status/r1` },
      },
    };
    for (const [credential, field] of [
      [{ ...plain, id: `${BASE}/status/r1` }, "credential.id"],
      [{ ...list, id: "https://lists.example/r1" }, "credential.type"],
      [intoOurList, "credential.credentialStatus"],
    ]) {
      const forged = await postJson("/credentials/issue", { credential });
      expect([forged.status, (await forged.json<Json>()).field]).toEqual([400, field]);
    }
    // Other credentials still issue (VC-API conformance).
    const other = {
      "@context": [VC2, OB3],
      type: ["VerifiableCredential", "EndorsementCredential"],
      issuer: DID,
      credentialSubject: { id: "did:example:1" },
    };
    expect((await postJson("/credentials/issue", { credential: other })).status).toBe(201);
  });
});

describe("PDF upload naming a VC-API credential", () => {
  it("is not a PDF WeGO issued (400, not a 500 from rendering a credential that has no PDF)", async () => {
    const credential = {
      "@context": [VC2],
      type: ["VerifiableCredential"],
      issuer: DID,
      credentialSubject: { id: "did:example:2" },
    };
    const issued = await (await postJson("/credentials/issue", { credential })).json<Json>();
    const id = issued.verifiableCredential.id.split("/c/")[1];
    const pdf = `%PDF-1.7\n1 0 obj << /Keywords (WeGO certificate Open Badges 3.0 Verifiable Credential ${id}) >> endobj\n%%EOF\n`;
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: pdf,
    });
    const body = await res.json<Json>();
    expect([res.status, body.verdict, body.errors[0].code]).toEqual([400, "invalid", "ERR_PDF_NOT_ISSUED"]);
    // The /verify form answers with its page ("not a WeGO certificate"), not a 500.
    const form = new FormData();
    form.set("file", new File([pdf], "x.pdf", { type: "application/pdf" }));
    expect((await call("/verify", { method: "POST", body: form })).status).toBe(200);
  });
});
