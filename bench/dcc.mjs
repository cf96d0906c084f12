/**
 * The Digital Credentials Consortium verification stack (`@digitalcredentials/vc` + DataIntegrityProof
 * + eddsa-rdfc-2022), with a local document loader: our issuer's DID document and verification
 * method (static), the contexts we sign with, and `securityLoader()` (no network) for the rest.
 * Plain JS because the DCC packages ship no type declarations.
 */
import { verifyCredential } from "@digitalcredentials/vc";
import { DataIntegrityProof } from "@digitalcredentials/data-integrity";
import { cryptosuite } from "@digitalcredentials/eddsa-rdfc-2022-cryptosuite";
import { securityLoader } from "@digitalcredentials/security-document-loader";

/** W3C Controlled Identifiers "Multikey" context (https://w3id.org/security/multikey/v1). */
const MULTIKEY_V1 = {
  "@context": {
    id: "@id",
    type: "@type",
    "@protected": true,
    Multikey: {
      "@id": "https://w3id.org/security#Multikey",
      "@context": {
        "@protected": true,
        id: "@id",
        type: "@type",
        controller: { "@id": "https://w3id.org/security#controller", "@type": "@id" },
        revoked: { "@id": "https://w3id.org/security#revoked", "@type": "http://www.w3.org/2001/XMLSchema#dateTime" },
        expires: {
          "@id": "https://w3id.org/security#expiration",
          "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
        },
        publicKeyMultibase: {
          "@id": "https://w3id.org/security#publicKeyMultibase",
          "@type": "https://w3id.org/security#multibase",
        },
        secretKeyMultibase: {
          "@id": "https://w3id.org/security#secretKeyMultibase",
          "@type": "https://w3id.org/security#multibase",
        },
      },
    },
  },
};

/**
 * @param {{ did: string, keys: { kid: string, publicKeyMultibase: string }[], contexts: ReadonlyMap<string, unknown> }} o
 * @returns {(credential: object, now?: Date) => Promise<{ verified: boolean, error?: unknown, results?: unknown }>}
 */
export function createDccVerifier({ did, keys, contexts }) {
  const vms = keys.map((k) => ({
    "@context": "https://w3id.org/security/multikey/v1",
    id: `${did}#${k.kid}`,
    type: "Multikey",
    controller: did,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  const didDocument = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    id: did,
    verificationMethod: vms.map(({ "@context": _c, ...vm }) => vm),
    assertionMethod: vms.map((vm) => vm.id),
  };
  const local = new Map([
    ...contexts,
    ["https://w3id.org/security/multikey/v1", MULTIKEY_V1],
    [did, didDocument],
    ...vms.map((vm) => [vm.id, vm]),
  ]);
  const fallback = securityLoader({ fetchRemoteContexts: false }).build();
  const documentLoader = async (url) => {
    const document = local.get(url);
    if (document !== undefined) return { contextUrl: null, documentUrl: url, document };
    return fallback(url);
  };
  const suite = new DataIntegrityProof({ cryptosuite });
  // No status check on either side: a stub that reports "not revoked" (same as ours).
  const checkStatus = async () => ({ verified: true });
  return (credential, now) => verifyCredential({ credential, suite, documentLoader, checkStatus, now });
}
