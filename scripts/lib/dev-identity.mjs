// Generates a development issuer identity: an Ed25519 key pair (private part as an OKP JWK for
// `.dev.vars` / the Worker secret, public part as a published key-set entry) and an admin token.
import { webcrypto as crypto } from "node:crypto";

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

function base58(bytes) {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let s = "";
  while (n > 0n) {
    s = B58[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    s = "1" + s;
  }
  return s;
}

function b64url(bytes) {
  return Buffer.from(bytes).toString("base64url");
}

/** RFC 7638 thumbprint of an Ed25519 public key. */
export async function thumbprint(publicKey) {
  const json = `{"crv":"Ed25519","kty":"OKP","x":"${b64url(publicKey)}"}`;
  return b64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(json))));
}

/** Multikey encoding (multicodec 0xed01 + base58btc). */
export function multikey(publicKey) {
  return "z" + base58(new Uint8Array([0xed, 0x01, ...publicKey]));
}

/** A new Ed25519 key: private OKP JWK (no `alg`: workerd rejects "Ed25519") and key-set entry. */
export async function generateKey(notBefore = new Date()) {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
  const publicKey = new Uint8Array(Buffer.from(jwk.x, "base64url"));
  const kid = await thumbprint(publicKey);
  return {
    kid,
    privateJwk: JSON.stringify({ kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d }),
    entry: {
      kid,
      publicKeyMultibase: multikey(publicKey),
      notBefore: notBefore.toISOString().replace(/\.\d{3}Z$/, "Z"),
      status: "active",
    },
  };
}

/** A random URL-safe token with 256 bits of entropy. */
export function randomToken(prefix = "wego_") {
  return prefix + b64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Key, key set and admin token for a fresh development or test environment. */
export async function generateDevIdentity(notBefore = new Date()) {
  const key = await generateKey(notBefore);
  return {
    kid: key.kid,
    privateJwk: key.privateJwk,
    keySet: { keys: [key.entry] },
    keySetJson: JSON.stringify({ keys: [key.entry] }),
    adminToken: randomToken(),
  };
}
