/**
 * Contract tests for VC 1.1 credentials on the W3C VC-API (the W3C Data Integrity suites'
 * issuer block sends one: data-integrity-test-suite-assertion's validVc.json), named after the
 * section of the VC Data Model 1.1 (W3C Recommendation 2022-03-03) or the VC-API they check. A VC
 * 1.1 credential is signed like any VC-API credential (recorded, audited, revocable through WeGO's
 * Bitstring Status Lists) and is never a certificate.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, BASE, call, issue, postJson, verify } from "../support/api";

const DID = "did:web:127.0.0.1%3A8787";
const V1 = "https://www.w3.org/2018/credentials/v1";
const DI = "https://w3id.org/security/data-integrity/v2";
const STATUS = "https://www.w3.org/ns/credentials/status/v1";
type Json = Record<string, any>;

/** data-integrity-test-suite-assertion validVc.json, with a fresh id and WeGO as issuer (createInitialVc). */
const suiteVc = (): Json => ({
  "@context": [V1],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ["VerifiableCredential"],
  issuer: DID,
  issuanceDate: "2020-03-16T22:37:26.544Z",
  credentialSubject: { id: "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b" },
});

async function issueVc(credential: unknown): Promise<{ status: number; body: Json; location: string | null }> {
  const res = await postJson("/credentials/issue", { credential });
  return { status: res.status, body: (await res.json()) as Json, location: res.headers.get("location") };
}

const codes = (body: Json) => (body.errors as Json[]).map((e) => e.code).filter((c) => c !== "ERR_NOT_CHECKED");

describe("VC 1.1 on POST /credentials/issue", () => {
  it("VC-API §3.2.1 + VC 1.1 §4.1, §4.6: the suite's credential → 201, Data Integrity and status contexts added, recorded, audited, revocable", async () => {
    const sent = suiteVc();
    const { status, body, location } = await issueVc(sent);
    expect([status, body.code]).toEqual([201, undefined]);
    const vc = body.verifiableCredential;
    expect(vc["@context"]).toEqual([V1, DI, STATUS]);
    expect([vc.id, vc.issuanceDate, vc.validFrom, vc.issuer]).toEqual([sent.id, sent.issuanceDate, undefined, DID]);
    expect(vc.proof).toHaveLength(1);
    expect(vc.proof[0]).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" });
    expect(vc.credentialStatus.map((s: Json) => [s.type, s.statusPurpose])).toEqual([
      ["BitstringStatusListEntry", "revocation"],
      ["BitstringStatusListEntry", "suspension"],
    ]);
    const id = location!.split("/c/")[1]!;
    expect(await (await call(`/c/${id}.json`)).json()).toEqual(vc);
    const audit = (await (
      await call("/admin/audit?limit=50", { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json()) as Json;
    expect(audit.entries.map((e: Json) => [e.action, e.target])).toContainEqual(["credential.issue", id]);

    const fresh = await verify(vc);
    expect([fresh.status, fresh.body.verified, fresh.body.warnings.map((w: Json) => w.code)]).toEqual([
      200,
      true,
      ["NOT_A_CERTIFICATE"],
    ]);
    // Never a certificate: no page, no PDF, and the /verify page does not call it valid.
    expect((await call(`/c/${id}.pdf`)).status).toBe(404);
    expect((await call(`/c/${id}`, { headers: { accept: "text/html" } })).status).toBe(404);
    // application/vc+jwt is for VC 2.0 payloads (VC-JOSE-COSE §3.1.1).
    expect((await call(`/c/${id}.jwt`)).status).toBe(404);
    const form = new FormData();
    form.set("text", JSON.stringify(vc));
    const page = await (await call("/verify", { method: "POST", body: form })).text();
    expect(page).not.toContain('data-verdict="valid"');

    expect((await postJson(`/admin/certificates/${id}/suspend`, { reason: "under-review" })).status).toBe(200);
    expect(codes((await verify(vc)).body)).toContain("ERR_SUSPENDED");
    expect((await postJson(`/admin/certificates/${id}/unsuspend`, {})).status).toBe(200);
    expect((await postJson(`/admin/certificates/${id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    const revoked = await verify(vc);
    expect([revoked.status, revoked.body.verdict, codes(revoked.body)]).toEqual([400, "revoked", ["ERR_REVOKED"]]);
  });

  it("VC 1.1 §4.1-§4.9: each broken MUST is a 400 naming the field and the VC 1.1 section", async () => {
    const cases: Array<[Json, string, string]> = [
      [{ ...suiteVc(), issuanceDate: undefined }, "credential.issuanceDate", "VC 1.1 §4.6"],
      [{ ...suiteVc(), issuanceDate: "2020-03-16" }, "credential.issuanceDate", "VC 1.1 §4.6"],
      // xsd:dateTime allows no offset; WeGO signs only dates every verifier reads alike.
      [{ ...suiteVc(), issuanceDate: "2020-03-16T22:37:26" }, "credential.issuanceDate", "VC 1.1 §4.6"],
      [{ ...suiteVc(), expirationDate: "soon" }, "credential.expirationDate", "VC 1.1 §4.8"],
      [{ ...suiteVc(), credentialSubject: undefined }, "credential.credentialSubject", "VC 1.1 §4.4"],
      [{ ...suiteVc(), type: ["ExampleCredential"] }, "credential.type", "VC 1.1 §4.3"],
      [{ ...suiteVc(), id: "not a uri" }, "credential.id", "VC 1.1 §4.2"],
      [{ ...suiteVc(), "@context": [V1, "https://example.org/ctx"] }, "credential.@context.1", "VC 1.1 §4.1"],
      [{ ...suiteVc(), credentialStatus: { type: "X" } }, "credential.credentialStatus.id", "VC 1.1 §4.9"],
    ];
    for (const [credential, field, section] of cases) {
      const { status, body } = await issueVc(JSON.parse(JSON.stringify(credential)));
      expect([status, body.code, body.field], field).toEqual([400, "ERR_VALIDATION", field]);
      expect(body.detail ?? body.message, field).toContain(section);
    }
  });

  it("refuses what the VC 2.0 path refuses: another issuer, a proof, undefined terms, WeGO's status lists, Open Badges and status list types however spelled, a VC 1.1 certificate", async () => {
    const inline = (extra: Json) => ({ ...suiteVc(), "@context": [V1, STATUS, extra] });
    const cases: Array<[Json, string]> = [
      [{ ...suiteVc(), issuer: "did:example:other" }, "credential.issuer"],
      [{ ...suiteVc(), issuer: { id: "did:example:other" } }, "credential.issuer"],
      [{ ...suiteVc(), proof: { type: "DataIntegrityProof" } }, "credential.proof"],
      // JSON-LD safe mode (the suite's undefined-term and undefined-type tests)
      [{ ...suiteVc(), credentialSubject: { id: "did:example:1", invalidTerm: "x" } }, "credential"],
      [{ ...suiteVc(), type: ["VerifiableCredential", "InvalidType"] }, "credential"],
      // A slot in WeGO's lists is one credential's: by JSON key and by an alias of the same IRI.
      [
        {
          ...suiteVc(),
          "@context": [V1, STATUS],
          credentialStatus: {
            id: `${BASE}/status/r1#5`,
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: "5",
            statusListCredential: `${BASE}/status/r1`,
          },
        },
        "credential.credentialStatus",
      ],
      [
        {
          ...inline({
            slc: { "@id": "https://www.w3.org/ns/credentials/status#statusListCredential", "@type": "@id" },
          }),
          credentialSubject: { id: "did:example:1", slc: `${BASE}/status/r1` },
        },
        "credential.credentialStatus",
      ],
      // Types only the service signs, read from the RDF whatever the JSON says.
      [
        {
          ...inline({ Badge: "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential" }),
          type: ["VerifiableCredential", "Badge"],
        },
        "credential.type",
      ],
      [{ ...inline({}), type: ["VerifiableCredential", "BitstringStatusListCredential"] }, "credential.type"],
      // A WeGO certificate is VC 2.0 (Open Badges 3.0): no VC 1.1 route into the certificate path.
      [{ ...suiteVc(), type: ["VerifiableCredential", "OpenBadgeCredential"] }, "credential.@context"],
    ];
    for (const [credential, field] of cases) {
      const { status, body } = await issueVc(credential);
      expect([status, body.code, body.field], JSON.stringify(credential).slice(0, 160)).toEqual([
        400,
        "ERR_VALIDATION",
        field,
      ]);
    }
  });
});

describe("VC 1.1 on POST /credentials/verify: what an attacker might now get verified", () => {
  it("VC 1.1 §4.6, §4.8: a future issuanceDate is not yet valid, a past expirationDate expired; removed status or a changed copy is not as issued", async () => {
    const future = (await issueVc({ ...suiteVc(), issuanceDate: "2999-01-01T00:00:00Z" })).body.verifiableCredential;
    const expired = (await issueVc({ ...suiteVc(), expirationDate: "2021-01-01T00:00:00Z" })).body.verifiableCredential;
    const good = (await issueVc(suiteVc())).body.verifiableCredential;
    expect(codes((await verify(future)).body)).toEqual(["ERR_NOT_YET_VALID"]);
    expect(codes((await verify(expired)).body)).toEqual(["ERR_EXPIRED"]);
    const { credentialStatus: _gone, ...unlisted } = good;
    const noStatus = await verify(unlisted);
    expect([noStatus.body.verified, codes(noStatus.body)]).toEqual([false, ["ERR_NOT_ON_RECORD"]]);
    const changed = await verify({ ...good, credentialSubject: { id: "did:example:mallory" } });
    expect([changed.body.verified, codes(changed.body)]).toEqual([false, ["ERR_NOT_AS_ISSUED"]]);
    const badge = await verify({ ...good, type: ["VerifiableCredential", "OpenBadgeCredential"] });
    expect(badge.body.verified).toBe(false);
  });

  it("VC Data Integrity, Securing Data Losslessly: another issuer's credential with an undefined term names that rule too", async () => {
    const didKey = "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b";
    const proof = {
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      created: "2024-01-01T00:00:00Z",
      verificationMethod: `${didKey}#${didKey.slice(8)}`,
      proofPurpose: "assertionMethod",
      proofValue: "z" + "2".repeat(86),
    };
    const signed = { ...suiteVc(), "@context": [V1, DI], issuer: didKey, proof };
    const lossy = { ...signed, credentialSubject: { id: didKey, undefinedTerm: "IfDroppedWillVerify" } };
    expect(codes((await verify(signed)).body)).toEqual(["ERR_UNKNOWN_ISSUER"]);
    expect(codes((await verify(lossy)).body)).toEqual(["ERR_UNKNOWN_ISSUER", "ERR_CANONICALIZATION"]);
  });

  it("a WeGO certificate re-wrapped as VC 1.1 is not valid", async () => {
    const { credential } = await issue("Re Wrapped");
    const [, ...rest] = credential["@context"] as string[];
    const wrapped = { ...credential, "@context": [V1, ...rest], issuanceDate: credential.validFrom };
    const res = await verify(wrapped);
    expect([res.status, res.body.verified]).toEqual([400, false]);
    expect(res.body.verdict).not.toBe("valid");
  });
});
