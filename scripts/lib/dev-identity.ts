/**
 * Generates a development issuer identity: an Ed25519 key pair (private part as an OKP JWK for
 * `.dev.vars` / the Worker secret, public part as a published key-set entry) and an admin token.
 */
import { base58 } from "@scure/base";
import { calculateJwkThumbprint } from "jose";
import type { IssuerKey } from "../../src/domain/ports";

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/** RFC 7638 thumbprint of an Ed25519 public key. */
export function thumbprint(publicKey: Uint8Array): Promise<string> {
  return calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: b64url(publicKey) }, "sha256");
}

/** Multikey encoding (multicodec 0xed01 + base58btc). */
export function multikey(publicKey: Uint8Array): string {
  return "z" + base58.encode(new Uint8Array([0xed, 0x01, ...publicKey]));
}

/** A new Ed25519 key: private OKP JWK (no `alg`: workerd rejects "Ed25519") and key-set entry. */
export async function generateKey(notBefore = new Date()) {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  const publicKey = new Uint8Array(Buffer.from(jwk.x!, "base64url"));
  const kid = await thumbprint(publicKey);
  return {
    kid,
    privateJwk: JSON.stringify({ kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d }),
    entry: {
      kid,
      publicKeyMultibase: multikey(publicKey),
      notBefore: notBefore.toISOString().replace(/\.\d{3}Z$/, "Z"),
      status: "active",
    } as IssuerKey,
  };
}

/** A random URL-safe token with 256 bits of entropy. */
export function randomToken(prefix = "wego_") {
  return prefix + b64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** 32 random bytes (base64url) for SOURCE_SECRETS_KEY: encrypts learning platforms' secrets. */
export function newSourceSecretsKey() {
  return b64url(crypto.getRandomValues(new Uint8Array(32)));
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
