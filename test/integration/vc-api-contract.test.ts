/**
 * Contract tests for the W3C VC-API issuer and verifier, one per MUST the W3C suites
 * (vc-data-model-2.0-test-suite, vc-di-eddsa-test-suite) exercise, named after the section of the
 * VC Data Model 2.0 (§4), VC Data Integrity or the VC-API they check. The suites themselves cannot
 * be installed from npm (they depend on GitHub packages).
 */
import { describe, expect, it } from "vitest";
import { ADMIN, BASE, call, issue, postJson, verify } from "../support/api";

const DID = "did:web:127.0.0.1%3A8787";
const VC2 = "https://www.w3.org/ns/credentials/v2";
const EXAMPLES = "https://www.w3.org/ns/credentials/examples/v2";
type Json = Record<string, any>;

/** A credential as the W3C suites send it: VC 2.0 + examples contexts, a did:example subject. */
const base = (): Json => ({
  "@context": [VC2, EXAMPLES],
  type: ["VerifiableCredential", "ExampleAlumniCredential"],
  issuer: DID,
  credentialSubject: { id: "did:example:ebfeb1f712ebc6f1c276e12ec21", alumniOf: "Example University" },
});

async function issueVc(credential: unknown): Promise<{ status: number; body: Json; location: string | null }> {
  const res = await postJson("/credentials/issue", { credential });
  return { status: res.status, body: (await res.json()) as Json, location: res.headers.get("location") };
}

async function expect400(credential: unknown, field: string, section: string) {
  const { status, body } = await issueVc(credential);
  expect([status, body.code, body.field], JSON.stringify(credential).slice(0, 200)).toEqual([
    400,
    "ERR_VALIDATION",
    field,
  ]);
  expect(body.detail ?? body.message ?? JSON.stringify(body)).toContain(section);
}

describe("VC-API Issue Credential (POST /credentials/issue)", () => {
  it("VC-API §3.2.1: 201 {verifiableCredential}, proof added, WeGO's status entries added, recorded, audited, revocable", async () => {
    const { status, body, location } = await issueVc(base());
    expect(status).toBe(201);
    const vc = body.verifiableCredential;
    expect(vc.credentialSubject).toEqual(base().credentialSubject);
    expect(vc.issuer).toBe(DID);
    expect(vc.proof).toHaveLength(1);
    expect(vc.proof[0]).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022" });
    expect(vc.credentialStatus.map((s: Json) => s.statusPurpose)).toEqual(["revocation", "suspension"]);
    const id = location!.split("/c/")[1]!;
    expect(vc.id).toBe(`${BASE}/c/${id}`);
    // Recorded: served as issued; no certificate page or PDF.
    expect(await (await call(`/c/${id}.json`)).json()).toEqual(vc);
    expect((await call(`/c/${id}.pdf`)).status).toBe(404);
    expect((await call(`/c/${id}`, { headers: { accept: "text/html" } })).status).toBe(404);
    // Audited.
    const audit = (await (
      await call("/admin/audit?limit=50", { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json()) as Json;
    expect(audit.entries.map((e: Json) => [e.action, e.target])).toContainEqual(["credential.issue", id]);
    // VC-API verify: verified as a credential WeGO signed, with a warning that it is no certificate.
    const v = await verify(vc);
    expect([v.status, v.body.verified, v.body.warnings.map((w: Json) => w.code)]).toEqual([
      200,
      true,
      ["NOT_A_CERTIFICATE"],
    ]);
    // Not correctable into a certificate.
    const reissue = await postJson(`/admin/certificates/${id}/reissue`, {
      recipient: { name: "X", email: "x@example.org" },
      achievementId: "champions-2023-online",
    });
    expect(reissue.status).toBe(409);
    // Revocable: the revocation bit of its entry is set in WeGO's list.
    expect((await postJson(`/admin/certificates/${id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    const entry = vc.credentialStatus[0];
    const list = (await (await call(new URL(entry.statusListCredential).pathname)).json()) as Json;
    const bits = await gunzip(list.credentialSubject.encodedList.slice(1));
    const i = Number(entry.statusListIndex);
    expect((bits[i >> 3]! >> (7 - (i & 7))) & 1).toBe(1);
    const revoked = await verify(vc);
    expect([revoked.status, revoked.body.errors[0].code]).toEqual([400, "ERR_REVOKED"]);
  });

  it("§4.10 Status: the caller's own status entry is signed as given, WeGO's entries added first", async () => {
    const own = { id: "did:example:status", type: "CredentialStatusList2017" };
    const vc = { ...base(), "@context": [VC2, EXAMPLES], credentialStatus: own };
    const { status, body } = await issueVc(vc);
    expect(status).toBe(201);
    const entries = body.verifiableCredential.credentialStatus;
    expect(entries.map((e: Json) => e.statusPurpose ?? e.type)).toEqual(["revocation", "suspension", own.type]);
    expect(entries[2]).toEqual(own);
  });

  it("§11.1 Language and Base Direction: @direction is signed (i18n datatype, as Digital Bazaar's cryptosuite)", async () => {
    const name = { "@value": "شهادة", "@language": "ar", "@direction": "rtl" };
    const { status, body } = await issueVc({ ...base(), name, issuer: { id: DID, description: name } });
    expect(status).toBe(201);
    expect(body.verifiableCredential.name).toEqual(name);
    expect((await verify(body.verifiableCredential)).body.verified).toBe(true);
  });

  it("§5.3 Integrity of Related Resources: objects with a unique URL id and a digest, checked where published", async () => {
    const related = {
      id: VC2,
      digestSRI: "sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg",
      digestMultibase: "uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k",
    };
    expect((await issueVc({ ...base(), relatedResource: [related] })).status).toBe(201);
    const other = { id: "https://example.org/resource", digestSRI: "sha384-abc" };
    expect((await issueVc({ ...base(), relatedResource: other })).status).toBe(201);
    const cases: Array<[unknown, string]> = [
      [[VC2], "credential.relatedResource.0"],
      [[{ digestSRI: related.digestSRI }], "credential.relatedResource.0.id"],
      [[related, related], "credential.relatedResource.1.id"],
      [[{ id: VC2 }], "credential.relatedResource.0"],
      [[{ id: VC2, digestMultibase: "uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0" }], "credential.relatedResource.0"],
      [[{ id: VC2, digestSRI: "sha384-" + "A".repeat(64) }], "credential.relatedResource.0"],
    ];
    for (const [relatedResource, field] of cases) await expect400({ ...base(), relatedResource }, field, "§5.3");
  });

  it("§4.3 Contexts: the VC 2.0 context alone, the W3C examples context, an inline context object", async () => {
    const only = {
      ...base(),
      "@context": [VC2],
      type: ["VerifiableCredential"],
      credentialSubject: { id: "did:example:1" },
    };
    expect((await issueVc(only)).status).toBe(201);
    expect((await issueVc(base())).status).toBe(201);
    const inline = { ...base(), "@context": [VC2, { "@vocab": "https://example.org/vocab#" }] };
    expect((await issueVc(inline)).status).toBe(201);
  });

  it("§4.6 Names and Descriptions, §4.7 Issuer as an object, §4.8 several subjects, §4.9 validity period", async () => {
    const vc = {
      ...base(),
      name: [
        { "@value": "Alumni credential", "@language": "en" },
        { "@value": "동문 증명", "@language": "ko" },
      ],
      description: "An example",
      issuer: { id: DID, name: "WeGO" },
      credentialSubject: [base().credentialSubject, { id: "did:example:2", alumniOf: "Other University" }],
      validFrom: "2026-01-01T00:00:00+09:00",
      validUntil: "2036-01-01T00:00:00Z",
    };
    const { status, body } = await issueVc(vc);
    expect(status).toBe(201);
    expect(body.verifiableCredential).toMatchObject({ name: vc.name, issuer: vc.issuer, validFrom: vc.validFrom });
  });

  it("§4.11 Data Schemas, §5.4 Refreshing, §5.5 Terms of Use, §5.6 Evidence: typed objects are accepted", async () => {
    const vc = {
      ...base(),
      credentialSchema: { id: "https://example.org/schema.json", type: "JsonSchema" },
      refreshService: { id: "https://example.org/refresh", type: "ExampleRefreshService" },
      termsOfUse: [{ type: "ExampleTermsOfUse", id: "https://example.org/tou" }],
      evidence: [{ type: ["ExampleEvidence"], id: "https://example.org/evidence/1" }],
    };
    expect((await issueVc(vc)).status).toBe(201);
  });

  it("rejects each broken MUST with 400, the field and the section", async () => {
    const { issuer: _i, ...noIssuer } = base();
    const { credentialSubject: _s, ...noSubject } = base();
    const cases: Array<[unknown, string, string]> = [
      [{ ...base(), "@context": [EXAMPLES, VC2] }, "credential.@context", "§4.3"],
      // VC 1.1 is accepted as a second data model (vc-api-vc11.test.ts), with its own MUSTs.
      [{ ...base(), "@context": ["https://www.w3.org/2018/credentials/v1"] }, "credential.issuanceDate", "VC 1.1 §4.6"],
      [{ ...base(), "@context": [VC2, "https://example.org/unbundled"] }, "credential.@context.1", "§4.3"],
      [{ ...base(), id: "not a url" }, "credential.id", "§4.4"],
      [{ ...base(), type: ["ExampleAlumniCredential"] }, "credential.type", "§4.5"],
      [{ ...base(), name: 42 }, "credential.name", "§4.6"],
      [noIssuer, "credential.issuer", "§4.7"],
      [{ ...base(), issuer: { name: "No id" } }, "credential.issuer.id", "§4.7"],
      [noSubject, "credential.credentialSubject", "§4.8"],
      [{ ...base(), credentialSubject: {} }, "credential.credentialSubject", "§4.8"],
      [{ ...base(), credentialSubject: { id: "not a url" } }, "credential.credentialSubject.id", "§4.4"],
      [{ ...base(), validFrom: "2026-01-01" }, "credential.validFrom", "§4.9"],
      [
        { ...base(), validFrom: "2030-01-01T00:00:00Z", validUntil: "2029-01-01T00:00:00Z" },
        "credential.validFrom",
        "§4.9",
      ],
      [{ ...base(), credentialStatus: { id: "https://example.org/s#1" } }, "credential.credentialStatus.type", "§4.10"],
      [{ ...base(), credentialSchema: { type: "JsonSchema" } }, "credential.credentialSchema.id", "§4.11"],
      [{ ...base(), refreshService: { id: "https://example.org/r" } }, "credential.refreshService.type", "§5.4"],
      [{ ...base(), termsOfUse: {} }, "credential.termsOfUse.type", "§5.5"],
      [{ ...base(), evidence: [{ id: "https://example.org/e" }] }, "credential.evidence.0.type", "§5.6"],
    ];
    for (const [credential, field, section] of cases) await expect400(credential, field, section);
  });

  it("refuses what only the issuer sets: another issuer, a proof, entries in WeGO's status lists, an id under /c/", async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...base(), issuer: "did:example:someone-else" }, "credential.issuer"],
      [{ ...base(), issuer: { id: "did:example:someone-else" } }, "credential.issuer"],
      [{ ...base(), proof: { type: "DataIntegrityProof" } }, "credential.proof"],
      [
        {
          ...base(),
          credentialStatus: {
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: "5",
            statusListCredential: `${BASE}/status/r1`,
          },
        },
        "credential.credentialStatus",
      ],
      [{ ...base(), id: `${BASE}/c/AAAAAAAAAAAAAAAAAAAAAA` }, "credential.id"],
      // JSON-LD safe mode: a term the contexts do not define would be unsigned.
      [
        { ...base(), "@context": [VC2], type: ["VerifiableCredential"], credentialSubject: { undefinedTerm: 1 } },
        "credential",
      ],
    ];
    for (const [credential, field] of cases) {
      const { status, body } = await issueVc(credential);
      expect([status, body.field]).toEqual([400, field]);
    }
  });
});

describe("VC-API Verify Credential (POST /credentials/verify)", () => {
  it("VC-API §3.3.1: accepts options and answers {verified, checks, warnings, errors}", async () => {
    const { credential } = await issue("Aylin Demir", "champions-2023-workshop-milan");
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ verifiableCredential: credential, options: { checks: ["proof", "credentialStatus"] } }),
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ verified: true, warnings: [], errors: [], verdict: "valid" });
    expect(body.checks).toHaveLength(6);
  });

  it("VC Data Integrity §4.3: options.expectedProofPurpose that the proof does not have fails the proof", async () => {
    const { credential } = await issue();
    const res = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ verifiableCredential: credential, options: { expectedProofPurpose: "authentication" } }),
    });
    const body = (await res.json()) as Json;
    expect([res.status, body.verified]).toEqual([400, false]);
    expect(body.errors[0]).toMatchObject({ check: "signature", code: "ERR_PROOF_MALFORMED" });
  });

  it("rejections name the broken rule, not merely that the credential is not WeGO's", async () => {
    // A did:key credential as the suites send it, correct but for the rule each case breaks.
    const proof = {
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-rdfc-2022",
      created: "2024-01-01T00:00:00Z",
      verificationMethod:
        "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
      proofPurpose: "assertionMethod",
      proofValue: "z" + "2".repeat(86),
    };
    const good = { ...base(), issuer: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", proof };
    const cases: Array<[string, unknown, string, string]> = [
      ["§4.3", { ...good, "@context": [EXAMPLES, VC2] }, "ERR_DATA_MODEL", "§4.3"],
      ["§4.4", { ...good, id: "not a url" }, "ERR_DATA_MODEL", "§4.4"],
      ["§4.5", { ...good, type: "ExampleAlumniCredential" }, "ERR_DATA_MODEL", "§4.5"],
      ["§4.7", { ...good, issuer: "not a url" }, "ERR_DATA_MODEL", "§4.7"],
      ["§4.8", { ...good, credentialSubject: [] }, "ERR_DATA_MODEL", "§4.8"],
      ["§4.9", { ...good, validUntil: "tomorrow" }, "ERR_DATA_MODEL", "§4.9"],
      ["§4.10", { ...good, credentialStatus: { id: "https://example.org/s" } }, "ERR_DATA_MODEL", "§4.10"],
      ["DI §2.1 no proof", { ...good, proof: undefined }, "ERR_PROOF_MALFORMED", "§2.1"],
      [
        "EdDSA §3.3.2 type",
        { ...good, proof: { ...proof, type: "Ed25519Signature2020" } },
        "ERR_PROOF_MALFORMED",
        "§3.3.2",
      ],
      [
        "EdDSA §3.3.2 cryptosuite",
        { ...good, proof: { ...proof, cryptosuite: "eddsa-2022" } },
        "ERR_PROOF_MALFORMED",
        "§3.3.2",
      ],
      [
        "EdDSA §3.3.2 proofValue",
        { ...good, proof: { ...proof, proofValue: "u" + "A".repeat(86) } },
        "ERR_PROOF_MALFORMED",
        "§3.3.2",
      ],
      [
        "DI §2.1 verificationMethod",
        { ...good, proof: { ...proof, verificationMethod: "key-1" } },
        "ERR_PROOF_MALFORMED",
        "§2.1",
      ],
      ["DI §2.1 created", { ...good, proof: { ...proof, created: "yesterday" } }, "ERR_PROOF_MALFORMED", "§2.1"],
      [
        "DI §4.3 expires",
        { ...good, proof: { ...proof, expires: "2001-01-01T00:00:00Z" } },
        "ERR_PROOF_MALFORMED",
        "§4.3",
      ],
      [
        "DI §4.3 proofPurpose",
        { ...good, proof: { ...proof, proofPurpose: "authentication" } },
        "ERR_PROOF_MALFORMED",
        "§4.3",
      ],
      // Well formed in every respect: refused because WeGO did not issue it.
      ["issuer", good, "ERR_UNKNOWN_ISSUER", "not issued by WeGO"],
    ];
    for (const [what, credential, code, says] of cases) {
      const { status, body } = await verify(credential);
      expect([what, status, body.verified, body.errors[0].code]).toEqual([what, 400, false, code]);
      expect(body.errors[0].message, what).toContain(says);
    }
    // A data model rule and VC DI EdDSA §3.3.2 at once (here VC 1.1 §4.6, no issuanceDate): both named.
    const vc11 = { ...good, "@context": ["https://www.w3.org/2018/credentials/v1"], proof: { ...proof, type: "X" } };
    const both = (await verify(vc11)).body.errors.slice(0, 2).map((e: Json) => [e.check, e.code]);
    expect(both).toEqual([
      ["format", "ERR_DATA_MODEL"],
      ["signature", "ERR_PROOF_MALFORMED"],
    ]);
  });
});

async function gunzip(b64url: string): Promise<Uint8Array> {
  const bytes = Uint8Array.from(atob(b64url.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
