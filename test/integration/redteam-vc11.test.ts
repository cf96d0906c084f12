/**
 * Red-team tests for VC 1.1 on the W3C VC-API. A Data Integrity proof signs the RDF dataset, not
 * the JSON keys, while WeGO (and every JSON-reading verifier) reads issuer, dates and status from
 * the JSON keys `issuer`, `issuanceDate`/`validFrom`, `expirationDate`/`validUntil` and
 * `credentialStatus`. Whatever the caller writes some other way (full IRI, compact IRI, an alias
 * in an inline context, a node elsewhere with the credential's id) must not be signed, or WeGO
 * would call valid a credential whose signed statements say expired, revoked or issued by another.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, BASE, call, issue, postJson, verify } from "../support/api";

const DID = "did:web:127.0.0.1%3A8787";
const V1 = "https://www.w3.org/2018/credentials/v1";
const V2 = "https://www.w3.org/ns/credentials/v2";
const DI = "https://w3id.org/security/data-integrity/v2";
const STATUS = "https://www.w3.org/ns/credentials/status/v1";
const CRED = "https://www.w3.org/2018/credentials#";
const XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime";
const PAST = { "@value": "2021-01-01T00:00:00Z", "@type": XSD_DATETIME };
type Json = Record<string, any>;

const v11 = (extra: Json = {}): Json => ({
  "@context": [V1],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ["VerifiableCredential"],
  issuer: DID,
  issuanceDate: "2020-03-16T22:37:26Z",
  credentialSubject: { id: "did:example:redteam-vc11" },
  ...extra,
});
const v20 = (extra: Json = {}): Json => ({
  "@context": [V2],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ["VerifiableCredential"],
  issuer: DID,
  credentialSubject: { id: "did:example:redteam-vc20" },
  ...extra,
});
const foreignEntry = {
  id: "https://status.example/list#7",
  type: "BitstringStatusListEntry",
  statusPurpose: "revocation",
  statusListIndex: "7",
  statusListCredential: "https://status.example/list",
};

async function issueVc(credential: unknown): Promise<{ status: number; body: Json; location: string | null }> {
  const res = await postJson("/credentials/issue", { credential });
  return { status: res.status, body: (await res.json()) as Json, location: res.headers.get("location") };
}
const codes = (body: Json) => (body.errors as Json[]).map((e) => e.code).filter((c) => c !== "ERR_NOT_CHECKED");

describe("VC-API issuance: the signed RDF says about the credential only what its JSON keys say", () => {
  it("refuses issuer, dates and status written through a full IRI, a compact IRI, an alias or another node", async () => {
    const cases: Array<[string, Json, string]> = [
      ["VC 1.1 expirationDate as a full IRI", v11({ [`${CRED}expirationDate`]: PAST }), "credential.expirationDate"],
      ["VC 1.1 expirationDate as cred:", v11({ "cred:expirationDate": PAST }), "credential.expirationDate"],
      [
        "VC 1.1 expirationDate through an inline alias",
        v11({
          "@context": [V1, { ends: { "@id": `${CRED}expirationDate`, "@type": XSD_DATETIME } }],
          ends: "2021-01-01T00:00:00Z",
        }),
        "credential.expirationDate",
      ],
      [
        "VC 1.1 expirationDate and validUntil both hidden",
        v11({ [`${CRED}validUntil`]: PAST, "cred:expirationDate": PAST }),
        "credential.expirationDate",
      ],
      [
        "VC 1.1 a status entry of another list as cred:credentialStatus",
        v11({ "@context": [V1, STATUS], "cred:credentialStatus": foreignEntry }),
        "credential.credentialStatus",
      ],
      [
        "VC 1.1 a second, foreign issuer as a full IRI",
        v11({ [`${CRED}issuer`]: { id: "did:example:mallory" } }),
        "credential.issuer",
      ],
      [
        "VC 1.1 an expiry stated by a node elsewhere that names the credential's id",
        ((vc: Json) => ({
          ...vc,
          credentialSubject: {
            id: "did:example:redteam-vc11",
            [`${CRED}evidence`]: { "@id": vc.id, [`${CRED}expirationDate`]: PAST },
          },
        }))(v11()),
        "credential.expirationDate",
      ],
      ["VC 2.0 validUntil as a full IRI", v20({ [`${CRED}validUntil`]: PAST }), "credential.validUntil"],
    ];
    for (const [name, credential, field] of cases) {
      const { status, body } = await issueVc(credential);
      expect([status, body.code, body.field], name).toEqual([400, "ERR_VALIDATION", field]);
    }
  });

  it("refuses a context that changes what WeGO's own status entries mean in RDF (a default @language)", async () => {
    // "revocation"@en is not the literal "revocation": an RDF reader would find no revocation entry.
    for (const [name, credential] of [
      ["VC 1.1", v11({ "@context": [V1, { "@language": "en" }] })],
      ["VC 2.0", v20({ "@context": [V2, { "@language": "en" }] })],
      [
        "VC 1.1, a @language propagated from a type-scoped context",
        v11({
          "@context": [
            V1,
            { Scoped: { "@id": "urn:example:Scoped", "@context": { "@propagate": true, "@language": "ko" } } },
          ],
          type: ["VerifiableCredential", "Scoped"],
        }),
      ],
    ] as const) {
      const { status, body } = await issueVc(credential);
      expect([status, body.code, body.field], name).toEqual([400, "ERR_VALIDATION", "credential.@context"]);
    }
  });

  it("refuses an id, a status list or statements about a resource on the service's origin, however the URL is spelled (userinfo)", async () => {
    const { id: certificate } = await issue("Red Team Origin");
    const host = new URL(BASE).host;
    const cases: Array<[Json, string]> = [
      [v11({ id: `http://wego@${host}/c/${certificate}` }), "credential.id"],
      [v20({ id: `http://wego@${host}/c/${certificate}` }), "credential.id"],
      [
        v11({
          "@context": [V1, STATUS],
          credentialStatus: {
            ...foreignEntry,
            id: `http://wego@${host}/status/r1#3`,
            statusListCredential: `http://wego@${host}/status/r1`,
          },
        }),
        "credential.credentialStatus",
      ],
      // Statements about what the service publishes would be WeGO's word about them.
      [
        v11({
          credentialSubject: { id: `${BASE}/c/${certificate}`, "https://schema.org/description": "valid" },
        }),
        "credential",
      ],
      [
        v11({
          credentialSubject: {
            id: "did:example:redteam-vc11",
            "https://schema.org/about": {
              "@id": `${BASE}/status/r1#5`,
              "https://www.w3.org/ns/credentials/status#statusPurpose": "message",
            },
          },
        }),
        "credential",
      ],
    ];
    for (const [credential, field] of cases) {
      const { status, body } = await issueVc(credential);
      expect([status, body.code, body.field], JSON.stringify(credential.id)).toEqual([400, "ERR_VALIDATION", field]);
    }
  });
});

describe("VC-API issuance: dates every verifier reads alike", () => {
  it("refuses a day the month does not have (Date.parse reads 2999-02-30 as 2 March; XML Schema refuses it)", async () => {
    const cases: Array<[Json, string]> = [
      [v11({ expirationDate: "2999-02-30T00:00:00Z" }), "credential.expirationDate"],
      [v11({ issuanceDate: "2021-04-31T00:00:00Z" }), "credential.issuanceDate"],
      [v20({ validUntil: "2999-02-29T00:00:00Z" }), "credential.validUntil"],
    ];
    for (const [credential, field] of cases) {
      const { status, body } = await issueVc(credential);
      expect([status, body.code, body.field], field).toEqual([400, "ERR_VALIDATION", field]);
    }
  });
});

describe("VC 1.1: what held (pinned)", () => {
  it("mixed and duplicated base contexts are refused; a WeGO VC 1.1 credential re-expressed does not verify", async () => {
    for (const context of [
      [V1, V2],
      [V2, V1],
      [V1, V1],
      [V1, DI, V1],
    ]) {
      const { status, body } = await issueVc(v11({ "@context": context }));
      expect([status, body.code], JSON.stringify(context)).toEqual([400, "ERR_VALIDATION"]);
    }
    // Both ends are read: the narrower window holds whichever key carries it.
    const both = await issueVc(
      v11({ "@context": [V1, DI, STATUS], validUntil: "2999-01-01T00:00:00Z", expirationDate: "2021-06-01T00:00:00Z" }),
    );
    expect(both.status).toBe(201);
    expect(codes((await verify(both.body.verifiableCredential)).body)).toEqual(["ERR_EXPIRED"]);
    // The register shows the end that holds, not the later one.
    const rowId = both.location!.split("/c/")[1];
    const row = (await (
      await call(`/admin/certificates/${rowId}`, { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json()) as Json;
    expect(row.validUntil).toBe("2021-06-01T00:00:00Z");
    // VC 1.1 with the context's validFrom: read as a start too.
    const later = await issueVc(v11({ validFrom: "2999-01-01T00:00:00Z" }));
    expect(codes((await verify(later.body.verifiableCredential)).body)).toEqual(["ERR_NOT_YET_VALID"]);
    const fresh = await issueVc(v11());
    expect(fresh.status).toBe(201);
    const vc = fresh.body.verifiableCredential as Json;
    expect((await verify(vc)).body.verified).toBe(true);
    const variants: Json[] = [
      { ...vc, "@context": [V1, STATUS, DI] },
      { ...vc, "@context": [V2, DI, STATUS] },
      { ...vc, "@context": [V1, DI, STATUS, V1] },
      { ...vc, validFrom: "2020-03-16T22:37:26Z" },
      { ...vc, expirationDate: "2999-01-01T00:00:00Z" },
      { ...vc, credentialStatus: vc.credentialStatus.slice(0, 1) },
      { ...vc, credentialStatus: vc.credentialStatus.slice(1) },
      { ...vc, credentialStatus: [vc.credentialStatus[0], { ...vc.credentialStatus[1], statusPurpose: "revocation" }] },
      { ...vc, type: ["VerifiableCredential", "OpenBadgeCredential"] },
    ];
    for (const variant of variants) {
      const res = await verify(JSON.parse(JSON.stringify(variant)));
      expect([res.body.verified, res.body.verdict], JSON.stringify(variant).slice(0, 120)).toEqual([
        false,
        expect.not.stringMatching(/^valid$/),
      ]);
    }
  });
});
