/**
 * Ed25519 through the runtime's native WebCrypto (workerd, Node ≥ 20, browsers).
 *
 * Verification is strict RFC 8032 §5.1.7 and never throws: workerd's `subtle.verify` throws
 * `OperationError` on a signature that is not 64 bytes, and an exception here would surface as a
 * 500 on a public endpoint, so lengths and the scalar range are checked first.
 */

/** Group order L (RFC 8032 §5.1). */
const L = (1n << 252n) + 27742317777372353535851937790883648493n;

const ALG = { name: "Ed25519" } as const;
const verifyKeyCache = new Map<string, Promise<CryptoKey>>();

function leBytesToBigint(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function importVerifyKey(publicKey: Uint8Array): Promise<CryptoKey> {
  const id = String.fromCharCode(...publicKey);
  let key = verifyKeyCache.get(id);
  if (!key) {
    if (verifyKeyCache.size > 256) verifyKeyCache.clear();
    key = crypto.subtle.importKey("raw", publicKey, ALG, false, ["verify"]);
    // A rejected import must not poison the cache.
    key.catch(() => verifyKeyCache.delete(id));
    verifyKeyCache.set(id, key);
  }
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
  if (leBytesToBigint(signature.subarray(32)) >= L) return false;
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
