/**
 * Ed25519 through the runtime's native WebCrypto (workerd, Node ≥ 20, browsers).
 *
 * Verification is strict RFC 8032 §5.1.7 and never throws: workerd's `subtle.verify` throws
 * `OperationError` on a signature that is not 64 bytes, and an exception here would surface as a
 * 500 on a public endpoint, so lengths and the scalar range are checked first.
 */

/** Group order L (RFC 8032 §5.1), little-endian bytes, for the S < L check without BigInt. */
const L_LE = new Uint8Array([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0x10,
]);

const ALG = { name: "Ed25519" } as const;
/** Imported keys by key object (the published keys are long-lived arrays) and by content. */
const byObject = new WeakMap<Uint8Array, { copy: Uint8Array; key: Promise<CryptoKey> }>();
const byContent = new Map<string, Promise<CryptoKey>>();

/** RFC 8032 §5.1.7 step 1: S must be canonical, 0 ≤ S < L (S is little-endian in bytes 32..63). */
function canonicalS(signature: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const a = signature[32 + i]!;
    const b = L_LE[i]!;
    if (a !== b) return a < b;
  }
  return false;
}

/**
 * The public key as a WebCrypto verification key, imported once per key (per isolate): each import
 * is a new CryptoKey, a runtime object whose native side every garbage collection has to destroy.
 */
export function importVerifyKey(publicKey: Uint8Array): Promise<CryptoKey> {
  const known = byObject.get(publicKey);
  // The array may have been reused with other bytes since: trust the entry only if they match.
  if (known && known.copy.every((b, i) => b === publicKey[i])) return known.key;
  const id = String.fromCharCode(...publicKey);
  let key = byContent.get(id);
  if (!key) {
    if (byContent.size > 256) byContent.clear();
    key = crypto.subtle.importKey("raw", publicKey, ALG, false, ["verify"]);
    // A rejected import must not poison the cache.
    key.catch(() => byContent.delete(id));
    byContent.set(id, key);
  }
  byObject.set(publicKey, { copy: publicKey.slice(), key });
  return key;
}

/**
 * Verifies an Ed25519 signature. Returns false (never throws) for wrong lengths, a non-canonical
 * S (S ≥ L, RFC 8032 §5.1.7 step 1), an undecodable key or point, or a bad signature.
 */
export async function ed25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): Promise<boolean> {
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  if (!canonicalS(signature)) return false;
  try {
    const key = await importVerifyKey(publicKey);
    return await crypto.subtle.verify(ALG, key, signature, message);
  } catch {
    return false;
  }
}

/** Something that signs with the issuer's current key; the private key never leaves it. */
export interface Signer {
  /** Key id (RFC 7638 JWK thumbprint of the public key). */
  readonly kid: string;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
  /** The WebCrypto private key, for jose (VC-JOSE). */
  readonly cryptoKey: CryptoKey;
}

/** Private key as stored in the Worker secret / `.dev.vars`: an OKP JWK (RFC 8037). */
export interface PrivateJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  d: string;
}
