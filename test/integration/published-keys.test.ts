import { describe, expect, it } from "vitest";
import { createRemoteJWKSet, customFetch, jwtVerify } from "jose";
import { BASE, call, expectHealthy, issue } from "../support/api";

describe("published issuer identity", () => {
  it("did.json lists the key as a Multikey assertionMethod of did:web", async () => {
    const res = await call("/.well-known/did.json");
    expect(res.status).toBe(200);
    const doc = await res.json<any>();
    expect(doc.id).toBe("did:web:127.0.0.1%3A8787");
    const vm = doc.verificationMethod[0];
    expect(vm.type).toBe("Multikey");
    expect(vm.controller).toBe(doc.id);
    expect(vm.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(doc.assertionMethod).toContain(vm.id);
  });

  it("jwks.json has OKP/Ed25519 keys whose kid is the DID URL ending in the RFC 7638 thumbprint, never a private part", async () => {
    const jwks = await (await call("/.well-known/jwks.json")).json<any>();
    expect(jwks.keys.length).toBe(1);
    const k = jwks.keys[0];
    expect([k.kty, k.crv, k.alg]).toEqual(["OKP", "Ed25519", "EdDSA"]);
    expect(k.d).toBeUndefined();
    const thumb = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`{"crv":"Ed25519","kty":"OKP","x":"${k.x}"}`)),
    );
    const thumbprint = btoa(String.fromCharCode(...thumb))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    expect(k.kid).toBe(`did:web:127.0.0.1%3A8787#${thumbprint}`);
    const did = await (await call("/.well-known/did.json")).json<any>();
    expect(did.verificationMethod[0].id).toBe(k.kid);
  });

  it("no response carries the private key or admin token", async () => {
    for (const path of [
      "/.well-known/did.json",
      "/.well-known/jwks.json",
      "/health",
      "/openapi.json",
      "/achievements",
    ]) {
      const text = await (await call(path)).text();
      expect(text).not.toMatch(/"d"\s*:/);
      expect(text).not.toContain("test-admin-token");
    }
  });

  it("health, catalogue and OpenAPI answer", async () => {
    await expectHealthy(await call("/health"));
    const cat = await (await call("/achievements")).json<any>();
    // The seeded catalogue, in its order (other files in the shared runtime add achievements of their own).
    expect(cat.achievements.map((a: any) => a.slug).filter((s: string) => s.startsWith("champions-2023-"))).toEqual([
      "champions-2023-online",
      "champions-2023-workshop-baku",
      "champions-2023-workshop-munich",
      "champions-2023-workshop-geneva",
      "champions-2023-workshop-athens",
      "champions-2023-workshop-milan",
      "champions-2023-workshop-los-angeles",
    ]);
    const api = await (await call("/openapi.json")).json<any>();
    expect(api.openapi).toBe("3.1.0");
    for (const p of [
      "/admin/certificates",
      "/credentials/issue",
      "/credentials/verify",
      "/c/{id}",
      "/.well-known/did.json",
    ])
      expect(api.paths[p]).toBeDefined();
  });
});

describe("a standard JOSE library verifies our VC-JWT from the JWKS, with no custom code", () => {
  it("jose createRemoteJWKSet + jwtVerify, issuer pinned to WeGO's DID", async () => {
    const issued = await issue("Ama Mensah");
    const jwt = await (await call(`/c/${issued.id}.jwt`)).text();
    // customFetch only routes the request to this Worker (tests have no network); jose is unchanged.
    const jwks = createRemoteJWKSet(new URL(`${BASE}/.well-known/jwks.json`), {
      [customFetch]: (url: string, init: RequestInit) => call(new URL(url).pathname + new URL(url).search, init),
    });
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, {
      issuer: "did:web:127.0.0.1%3A8787",
      typ: "vc+jwt",
      algorithms: ["EdDSA"],
    });
    expect(protectedHeader.kid).toMatch(/^did:web:127\.0\.0\.1%3A8787#/);
    expect(payload.id).toBe(issued.url);
    // Our verifier accepts the token with its iss claim.
    const verified = await call("/credentials/verify", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ verifiableCredential: jwt }),
    });
    expect(verified.status).toBe(200);
  });
});
