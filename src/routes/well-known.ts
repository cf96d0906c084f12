/** Published issuer identity: did:web DID document, JWKS and the health probe. */
import { Hono } from "hono";
import type { AppEnv } from "./env";
import { toMultikey, toPublicJwk } from "../adapters/crypto/keys";
import type { AppDeps } from "../services/context";
import { selfCheck } from "../services/self-check";

/** The did:web DID document (DID Core §5; Multikey per W3C Controlled Identifiers §2.2.2). */
export function didDocument(deps: AppDeps): Record<string, unknown> {
  const did = deps.config.issuerDid;
  const usable = deps.keys.filter((k) => k.status !== "compromised");
  return {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    alsoKnownAs: [deps.config.baseUrl],
    verificationMethod: deps.keys.map((k) => ({
      id: `${did}#${k.kid}`,
      type: "Multikey",
      controller: did,
      publicKeyMultibase: toMultikey(k.publicKey),
      // A compromised key is listed as revoked (CID §2.2) so old signatures stop verifying.
      ...(k.status === "compromised" ? { revoked: k.notAfter ?? k.notBefore } : {}),
    })),
    // Retired keys stay here: credentials they signed must keep verifying.
    assertionMethod: usable.map((k) => `${did}#${k.kid}`),
  };
}

export function wellKnownRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const cache = "public, max-age=300";

  app.get("/.well-known/did.json", (c) => {
    c.header("Cache-Control", cache);
    return c.json(didDocument(deps), 200, { "Content-Type": "application/did+json" });
  });

  app.get("/.well-known/jwks.json", (c) => {
    c.header("Cache-Control", cache);
    const keys = deps.keys
      .filter((k) => k.status !== "compromised")
      .map((k) => ({
        ...toPublicJwk(k),
        // The DID URL, exactly as VC-JWT headers name the key: a standard JOSE library
        // (jose's createRemoteJWKSet) finds it with no custom code, and it is also the
        // verification method id in the DID document. The RFC 7638 thumbprint is its fragment.
        kid: `${deps.config.issuerDid}#${k.kid}`,
        notBefore: k.notBefore,
        ...(k.notAfter ? { notAfter: k.notAfter } : {}),
        status: k.status,
      }));
    return c.json({ keys }, 200, { "Content-Type": "application/jwk-set+json" });
  });

  // Green only when the service can do its job (services/self-check.ts): storage answers, the key
  // signs and verifies against its published key, the DID is the pinned one, every signing key is
  // published, lists are fresh, backups recent. Status lists must be re-signed daily: a missing key must show now.
  app.get("/health", async (c) => {
    c.header("Cache-Control", "no-store");
    const { ok, checks } = await selfCheck(deps);
    return c.json(
      {
        status: ok ? "ok" : "degraded",
        checks: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, v.state])),
        details: Object.fromEntries(Object.entries(checks).flatMap(([k, v]) => (v.detail ? [[k, v.detail]] : []))),
        issuer: deps.config.issuerDid,
        keys: deps.keys.length,
        ...(deps.version ? { version: deps.version } : {}),
      },
      ok ? 200 : 503,
      ok ? {} : { "Retry-After": "30" },
    );
  });
  return app;
}
