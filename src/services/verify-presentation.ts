/** VC-API Verify Presentation, wired to this app: holder keys, canonicalizer, WeGO's credential verifier. */
import { ed25519Verify } from "../adapters/crypto/ed25519";
import { fromMultikey } from "../adapters/crypto/keys";
import { KNOWN_CONTEXTS } from "../adapters/jsonld/contexts";
import { verifyPresentation as verify, type PresentationResult } from "../domain/verify-presentation";
import type { AppDeps } from "./context";
import { verifyCredential } from "./verify-credential";

/**
 * The Ed25519 key a holder's verification method names: a did:key (the key is the identifier,
 * did:key §3.1.2) or one of WeGO's published keys. Nothing is fetched.
 */
export function holderKeyResolver(deps: AppDeps): (verificationMethod: string) => Uint8Array | null {
  return (vm) => {
    const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)(?:#(z[1-9A-HJ-NP-Za-km-z]+))?$/.exec(vm);
    if (m) return m[2] === undefined || m[2] === m[1] ? fromMultikey(m[1]!) : null;
    const prefix = `${deps.config.issuerDid}#`;
    const key = vm.startsWith(prefix) ? deps.keys.find((k) => k.kid === vm.slice(prefix.length)) : undefined;
    return key && key.status !== "compromised" ? key.publicKey : null;
  };
}

/** Verifies a presentation's proof and each credential in it (WeGO's issuer-pinned verdict). */
export function verifyPresentation(
  deps: AppDeps,
  vp: unknown,
  options: { challenge?: string; domain?: string },
): Promise<PresentationResult> {
  return verify(vp, options, {
    now: deps.clock(),
    knownContexts: KNOWN_CONTEXTS,
    canonicalize: deps.canonicalize,
    verifySignature: ed25519Verify,
    holderKey: holderKeyResolver(deps),
    verifyCredential: (vc) => verifyCredential(deps, vc, { vcApiCredentials: true }),
  });
}
