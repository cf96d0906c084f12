/**
 * Interoperability: a credential issued by the running service verifies with an independent Data
 * Integrity verifier (the Digital Credentials Consortium stack: @digitalcredentials/vc +
 * eddsa-rdfc-2022-cryptosuite) that resolves our did:web DID document over HTTP.
 */
import { DataIntegrityProof } from "@digitalcredentials/data-integrity";
import { cryptosuite } from "@digitalcredentials/eddsa-rdfc-2022-cryptosuite";
import { securityLoader } from "@digitalcredentials/security-document-loader";
import { verifyCredential } from "@digitalcredentials/vc";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_CONTEXTS } from "../../src/adapters/jsonld/contexts";
import { e2ePort, startService, type Service } from "./support/service";

let service: Service;
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
