/**
 * Generates a development issuer identity: an Ed25519 key pair (private part as an OKP JWK for
 * `.dev.vars` / the Worker secret, public part as a published key-set entry) and an admin token.
 */
import { jwkThumbprint, toMultikey } from "../../src/adapters/crypto/keys";
import { isoSeconds } from "../../src/domain/credential";
import type { IssuerKey } from "../../src/domain/ports";
import { base64urlEncode } from "../../src/lib/encoding";

/** A new Ed25519 key: private OKP JWK (no `alg`: workerd rejects "Ed25519") and key-set entry. */
export async function generateKey(notBefore = new Date()) {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  const publicKey = new Uint8Array(Buffer.from(jwk.x!, "base64url"));
  const kid = await jwkThumbprint(publicKey);
  return {
    kid,
    privateJwk: JSON.stringify({ kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d }),
    entry: {
      kid,
      publicKeyMultibase: toMultikey(publicKey),
      notBefore: isoSeconds(notBefore),
      status: "active",
    } as IssuerKey,
  };
}

/** A random URL-safe token with 256 bits of entropy. */
export function randomToken(prefix = "wego_") {
  return prefix + base64urlEncode(crypto.getRandomValues(new Uint8Array(32)));
}

/** 32 random bytes (base64url) for SOURCE_SECRETS_KEY: encrypts learning platforms' secrets. */
export function newSourceSecretsKey() {
  return base64urlEncode(crypto.getRandomValues(new Uint8Array(32)));
}

/** Key, key set, admin token and secrets key for a fresh development or test environment. */
export async function generateDevIdentity(notBefore = new Date()) {
  const key = await generateKey(notBefore);
  return {
    kid: key.kid,
    privateJwk: key.privateJwk,
    keySet: { keys: [key.entry] },
    keySetJson: JSON.stringify({ keys: [key.entry] }),
    adminToken: randomToken(),
    sourceSecretsKey: newSourceSecretsKey(),
  };
}
