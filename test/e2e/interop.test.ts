/**
 * Interoperability: a credential issued by the running service verifies with an independent Data
 * Integrity verifier (the Digital Credentials Consortium stack: @digitalcredentials/vc +
 * eddsa-rdfc-2022-cryptosuite) that resolves our did:web DID document over HTTP.
 */
import { DataIntegrityProof } from "@digitalcredentials/data-integrity";
import { cryptosuite } from "@digitalcredentials/eddsa-rdfc-2022-cryptosuite";
import { securityLoader } from "@digitalcredentials/security-document-loader";
import { verifyCredential } from "@digitalcredentials/vc";
import { DataIntegrityProof as DbDataIntegrityProof } from "@digitalbazaar/data-integrity";
import { cryptosuite as dbCryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { verifyCredential as dbVerifyCredential } from "@digitalbazaar/vc";
import { checkStatus as dbCheckStatus } from "@digitalbazaar/vc-bitstring-status-list";
import { Ajv2019 } from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import ob3Schema from "../vectors/1edtech-ob3/ob_v3p0_achievementcredential_schema.json";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_CONTEXTS } from "../../src/adapters/jsonld/contexts";
import { e2ePort, printServiceTailOnFailure, startService, type Service } from "./support/service";

let service: Service;
printServiceTailOnFailure(() => service);
beforeAll(async () => {
  service = await startService(e2ePort(0));
});
afterAll(async () => service?.stop());

/** did:web resolution (did:web §3.2): did:web:host%3Aport → <origin>/.well-known/did.json (http on loopback). */
function didWebLoader(base: string) {
  const fallback = securityLoader({ fetchRemoteContexts: false }).build();
  const host = new URL(base).host.replace(":", "%3A");
  const did = `did:web:${host}`;
  const resolved: string[] = [];
  const loader = async (url: string) => {
    if (BUNDLED_CONTEXTS.has(url)) return { contextUrl: null, documentUrl: url, document: BUNDLED_CONTEXTS.get(url) };
    if (url === did || url.startsWith(did + "#")) {
      resolved.push(url);
      const doc = (await (await fetch(`${base}/.well-known/did.json`)).json()) as any;
      if (url === did) return { contextUrl: null, documentUrl: url, document: doc };
      const vm = doc.verificationMethod.find((m: any) => m.id === url);
      return { contextUrl: null, documentUrl: url, document: vm && { "@context": doc["@context"], ...vm } };
    }
    return fallback(url);
  };
  return { loader, resolved };
}

const issue = async (name: string) => {
  const res = await fetch(`${service.base}/admin/certificates`, {
    method: "POST",
    headers: { authorization: `Bearer ${service.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      recipient: { name, email: "interop@example.org" },
      achievementId: "champions-2023-workshop-milan",
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as any).credential;
};

describe("independent verifier", () => {
  it("verifies our credential, resolving did:web over HTTP, and rejects a tampered one", async () => {
    const credential = await issue("Giulia Rossi");
    const { loader, resolved } = didWebLoader(service.base);
    const suite = new DataIntegrityProof({ cryptosuite });
    const checkStatus = async () => ({ verified: true });
    const ok = await verifyCredential({ credential, suite, documentLoader: loader, checkStatus });
    expect(ok.error).toBeUndefined();
    expect(ok.verified).toBe(true);
    expect(resolved.some((u) => u.startsWith(`did:web:127.0.0.1%3A${e2ePort(0)}#`))).toBe(true);

    const tampered = { ...credential, credentialSubject: { ...credential.credentialSubject, name: "Mallory" } };
    const bad = await verifyCredential({ credential: tampered, suite, documentLoader: loader, checkStatus });
    expect(bad.verified).toBe(false);
  });
});

/** A status checker for the DCC verifier: reads our Bitstring Status Lists over HTTP (spec §3.2). */
async function dccCheckStatus({ credential }: { credential: any }) {
  for (const entry of [credential.credentialStatus].flat()) {
    const list = (await (await fetch(entry.statusListCredential)).json()) as any;
    const bytes = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), "base64url"));
    const i = Number(entry.statusListIndex);
    if ((bytes[i >> 3]! >> (7 - (i & 7))) & 1) return { verified: false, error: entry.statusPurpose };
  }
  return { verified: true };
}

const CRED = "https://www.w3.org/2018/credentials#";

describe("differential: the DCC verifier and ours on hostile variants", () => {
  it("agree except where listed, and every listed disagreement is justified", async () => {
    const genuine = await issue("Aylin Demir");
    const revokedOne = await issue("Revoked Person");
    const id = (c: any) => c.id.split("/c/")[1];
    const rev = await fetch(`${service.base}/admin/certificates/${id(revokedOne)}/revoke`, {
      method: "POST",
      headers: { authorization: `Bearer ${service.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ reason: "issued-in-error" }),
    });
    expect(rev.status).toBe(200);
    const statusList = await (await fetch(`${service.base}/status/r1`)).json();
    const without = (c: any, k: string) => Object.fromEntries(Object.entries(c).filter(([key]) => key !== k));
    const variants: Record<string, unknown> = {
      genuine,
      "keys reordered": Object.fromEntries(Object.entries(genuine).reverse()),
      "name changed": { ...genuine, credentialSubject: { ...genuine.credentialSubject, name: "Mallory" } },
      "revoked, status as written": revokedOne,
      "revoked, credentialStatus as a full IRI": {
        ...without(revokedOne, "credentialStatus"),
        [CRED + "credentialStatus"]: revokedOne.credentialStatus,
      },
      "validFrom as a full IRI with @value": {
        ...without(genuine, "validFrom"),
        [CRED + "validFrom"]: { "@value": genuine.validFrom, "@type": "http://www.w3.org/2001/XMLSchema#dateTime" },
      },
      "name as a @value object": { ...genuine, name: { "@value": genuine.name } },
      "proof with its own @context": {
        ...genuine,
        proof: [{ "@context": "https://www.w3.org/ns/credentials/v2", ...genuine.proof[0] }],
      },
      "a status list credential": statusList,
    };
    // Where the two verifiers may disagree, and why ours is right.
    const JUSTIFIED: Record<string, string> = {
      "revoked, credentialStatus as a full IRI":
        "Same RDF, so the signature holds; a verifier reading the JSON key credentialStatus finds no status and says valid. WeGO's verdict rests on its record: the JSON is not as issued.",
      "validFrom as a full IRI with @value":
        "Same RDF, so the signature holds; but the JSON is not the credential WeGO issued, and a JSON-key reader would see no validFrom.",
      "name as a @value object": "Same RDF, so the signature holds; the JSON is not as issued.",
      "proof with its own @context":
        "VC Data Integrity §4.3: a proof in a secured document must not carry its own @context; WeGO refuses it.",
      "a status list credential":
        "Genuinely signed by WeGO's key, but it is not a certificate: only OpenBadgeCredentials on record are.",
    };
    const { loader } = didWebLoader(service.base);
    const suite = new DataIntegrityProof({ cryptosuite });
    const table: Array<{ variant: string; dcc: boolean; ours: boolean }> = [];
    for (const [variant, credential] of Object.entries(variants)) {
      const dcc = await verifyCredential({ credential, suite, documentLoader: loader, checkStatus: dccCheckStatus });
      const res = await fetch(`${service.base}/credentials/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ verifiableCredential: credential }),
      });
      const ours = ((await res.json()) as any).verified === true;
      table.push({ variant, dcc: dcc.verified === true, ours });
    }
    console.info(table);
    const disagreements = table.filter((r) => r.dcc !== r.ours).map((r) => r.variant);
    for (const d of disagreements) expect(JUSTIFIED, `unjustified disagreement: ${d}`).toHaveProperty([d]);
    // Ours says valid only for the genuine credential, in any key order.
    expect(table.filter((r) => r.ours).map((r) => r.variant)).toEqual(["genuine", "keys reordered"]);
    // Both agree on the plain cases.
    for (const v of ["genuine", "keys reordered", "name changed", "revoked, status as written"])
      expect(disagreements).not.toContain(v);
    // The key-renaming attack is real: the independent verifier accepts it.
    expect(table.find((r) => r.variant === "revoked, credentialStatus as a full IRI")!.dcc).toBe(true);
  });
});

async function setStatus(credential: any, action: "revoke" | "suspend") {
  const res = await fetch(`${service.base}/admin/certificates/${credential.id.split("/c/")[1]}/${action}`, {
    method: "POST",
    headers: { authorization: `Bearer ${service.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ reason: action === "revoke" ? "withdrawn" : "under-review", note: `interop ${action}` }),
  });
  expect(res.status).toBe(200);
}

/**
 * A fresh, a revoked, a suspended and a tampered credential (`issueOne` by name, `tamper` of the
 * fresh one) before Digital Bazaar's, the DCC's and our verifier: the table is printed under
 * `label` (the figures in README "Independent verifiers"), and Digital Bazaar's status checker
 * must find exactly the revocation and the suspension bit: the suspension entry is what lets a
 * third-party verifier see a suspension (README, credentialStatus).
 */
async function expectFourStateVerdicts(
  label: string,
  issueOne: (name: string) => Promise<any>,
  tamper: (c: any) => any,
) {
  const { statusBits, verdicts } = independentVerifiers();
  const fresh = await issueOne("Ελένη Παπαδοπούλου");
  const revoked = await issueOne("Revoked Participant");
  const suspended = await issueOne("Suspended Participant");
  await setStatus(revoked, "revoke");
  await setStatus(suspended, "suspend");
  const table = await verdicts({ fresh, revoked, suspended, tampered: tamper(fresh) });
  console.info(label, table);
  expect(table).toEqual({
    fresh: { db: true, dcc: true, ours: "valid" },
    revoked: { db: false, dcc: false, ours: "revoked" },
    suspended: { db: false, dcc: false, ours: "suspended" },
    tampered: { db: false, dcc: false, ours: "invalid" },
  });
  expect(await statusBits(revoked)).toEqual(["revocation"]);
  expect(await statusBits(suspended)).toEqual(["suspension"]);
}

/**
 * Both independent stacks and ours on the same credentials. Digital Bazaar's stack
 * (@digitalbazaar/vc 7 + data-integrity + eddsa-rdfc-2022-cryptosuite, with
 * @digitalbazaar/vc-bitstring-status-list for status, which also verifies our signed status list
 * credentials and that their issuer is the credential's) and the DCC's (its verifier with
 * {@link dccCheckStatus}); status lists are fetched over HTTP. `verdicts` gives, per case, whether
 * each stack verified it and our verdict; `statusBits` the purposes whose bit DB's checker finds set.
 */
function independentVerifiers() {
  const { loader } = didWebLoader(service.base);
  const documentLoader = async (url: string) => {
    if (url.startsWith(service.base + "/status/"))
      return { contextUrl: null, documentUrl: url, document: await (await fetch(url)).json() };
    return loader(url);
  };
  const dbSuite = new DbDataIntegrityProof({ cryptosuite: dbCryptosuite });
  const dccSuite = new DataIntegrityProof({ cryptosuite });
  const statusBits = async (credential: any) => {
    const r: any = await dbCheckStatus({ credential, documentLoader, suite: dbSuite, verifyMatchingIssuers: true });
    expect(r.error).toBeUndefined();
    return r.results.filter((x: any) => x.status).map((x: any) => x.credentialStatus.statusPurpose) as string[];
  };
  const checkStatus = async (o: any) => {
    const set = await statusBits(o.credential);
    return set.length ? { verified: false, error: new Error(`status set: ${set.join(", ")}`) } : { verified: true };
  };
  const verdicts = async (cases: Record<string, unknown>) => {
    const table: Record<string, { db: boolean; dcc: boolean; ours: string }> = {};
    for (const [name, credential] of Object.entries(cases)) {
      const res = await fetch(`${service.base}/credentials/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ verifiableCredential: credential }),
      });
      const db = await dbVerifyCredential({ credential, suite: dbSuite, documentLoader, checkStatus });
      const dcc = await verifyCredential({
        credential,
        suite: dccSuite,
        documentLoader: loader,
        checkStatus: dccCheckStatus,
      });
      table[name] = { db: db.verified === true, dcc: dcc.verified === true, ours: ((await res.json()) as any).verdict };
    }
    return table;
  };
  return { statusBits, verdicts };
}

/** Digital Bazaar's and the DCC's verifiers beside ours on WeGO certificates ({@link independentVerifiers}). */
describe("independent verifier: Digital Bazaar", () => {
  it("says valid for a fresh certificate and not valid for revoked, suspended and tampered ones", async () => {
    await expectFourStateVerdicts("verifiers", issue, (fresh) => ({
      ...fresh,
      credentialSubject: { ...fresh.credentialSubject, name: "Mallory" },
    }));
  });

  it("the certificates served to verifiers pass 1EdTech's schema under a second validator (Ajv, draft 2019-09)", async () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(ob3Schema);
    const credential = await issue("Ajv Check");
    // The images it names resolve on the running service (the issuer's emblem is a static asset).
    const images = [credential.issuer.image.id, credential.credentialSubject.achievement.image.id];
    const types = await Promise.all(images.map(async (u: string) => (await fetch(u)).headers.get("content-type")));
    expect(types).toEqual(["image/png", "image/svg+xml; charset=utf-8"]);
    const errors = (c: unknown) => (validate(c) ? [] : validate.errors!.map((e) => e.instancePath));
    // The one documented deviation: two credentialStatus entries; each alone passes.
    expect(new Set(errors(credential))).toEqual(new Set(["/credentialStatus"]));
    for (const entry of credential.credentialStatus)
      expect(errors({ ...credential, credentialStatus: entry })).toEqual([]);
  });
});

/**
 * VC 1.1, the data model of the W3C Data Integrity suites' issuer tests: a credential signed through
 * the VC-API with the VC 1.1 context, WeGO's Data Integrity proof and its two Bitstring Status List
 * entries (context https://www.w3.org/ns/credentials/status/v1), read by both independent stacks.
 */
describe("independent verifiers on a VC 1.1 credential WeGO signed", () => {
  it("Digital Bazaar and the DCC say valid when fresh, not valid when revoked, suspended or tampered", async () => {
    const did = `did:web:127.0.0.1%3A${e2ePort(0)}`;
    const issueV11 = async () => {
      const res = await fetch(`${service.base}/credentials/issue`, {
        method: "POST",
        headers: { authorization: `Bearer ${service.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          credential: {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            type: ["VerifiableCredential"],
            issuer: did,
            issuanceDate: "2020-03-16T22:37:26.544Z",
            credentialSubject: { id: "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b" },
          },
        }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as any).verifiableCredential;
    };
    await expectFourStateVerdicts("verifiers, VC 1.1", issueV11, (fresh) => ({
      ...fresh,
      credentialSubject: { id: "did:example:mallory" },
    }));
  });
});
