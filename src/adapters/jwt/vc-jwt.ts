/**
 * VC-JOSE (W3C "Securing Verifiable Credentials using JOSE and COSE" §3.1.1) with jose: signing the
 * unsecured credential as a VC-JWT (`typ: vc+jwt`, EdDSA), and the JWS check the domain's VC-JWT
 * verifier (domain/verify-jwt.ts) uses.
 */
import { CompactSign, compactVerify, errors as joseErrors } from "jose";
import type { VerifyJws } from "../../domain/ports";
import { importVerifyKey, type Signer } from "../crypto/ed25519";
import { utf8 } from "../../lib/encoding";

/** Signs the unsecured credential as a VC-JWT. */
export async function signVcJwt(
  credential: Record<string, unknown>,
  signer: Signer,
  issuerDid: string,
): Promise<string> {
  const { proof: _proof, ...unsecured } = credential;
  // `iss` (RFC 7519 §4.1.1) = the issuer DID, as VC-JOSE-COSE allows, so JWT libraries can pin it.
  return new CompactSign(utf8.encode(JSON.stringify({ ...unsecured, iss: issuerDid })))
    .setProtectedHeader({ alg: "EdDSA", typ: "vc+jwt", cty: "vc", kid: `${issuerDid}#${signer.kid}` })
    .sign(signer.cryptoKey);
}

/** Checks a compact JWS with an Ed25519 public key through jose (EdDSA only); never throws. */
export const joseVerifyJws: VerifyJws = async (jws, publicKey) => {
  try {
    // The same imported key as Data Integrity verification uses (not one JWK import per request).
    const key = await importVerifyKey(publicKey);
    await compactVerify(jws, key, { algorithms: ["EdDSA"] });
    return "ok";
  } catch (e) {
    return e instanceof joseErrors.JWSSignatureVerificationFailed ? "bad-signature" : "invalid";
  }
};
