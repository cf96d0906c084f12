/** Fresh issuer keys for rotation and compromise tests, and deps that sign with one of them. */
import { jwkThumbprint, loadSigner, parseKeySet, toMultikey, type IssuerKey } from "../../src/adapters/crypto/keys";
import type { AppDeps } from "../../src/services/context";
import { testDeps } from "./deps";

/** A new Ed25519 key: its key-set entry (active from `notBefore`) and its private JWK as the secret. */
export async function newIssuerKey(notBefore: string): Promise<{ entry: IssuerKey; secret: string }> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  const pub = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  const entry: IssuerKey = {
    kid: await jwkThumbprint(pub),
    publicKeyMultibase: toMultikey(pub),
    notBefore,
    status: "active",
  };
  return { entry, secret: JSON.stringify({ kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d }) };
}

/** The test deps of a deployment publishing `entries` and signing with `secret` (plus any overrides). */
export async function depsWithKeys(
  entries: IssuerKey[],
  secret: string,
  overrides: Partial<AppDeps> = {},
): Promise<AppDeps> {
  const keys = await parseKeySet({ keys: entries });
  const signer = loadSigner(secret, keys);
  return testDeps({ keys, signer: () => signer, ...overrides });
}
