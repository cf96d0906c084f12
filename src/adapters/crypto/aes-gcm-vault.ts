/**
 * The one AES-256-GCM implementation for data at rest (participants' addresses, learning
 * platforms' shared secrets): 32-byte keys named by a key id, a random 96-bit nonce per seal, and
 * a context string as additional authenticated data, so a ciphertext moved to another record does
 * not open. The storage formats of its users (email-vault.ts, secret-box.ts) wrap these parts.
 */
import { base64urlDecode, utf8 } from "../../lib/encoding";

/** GCM nonce length in bytes (NIST SP 800-38D §5.2.1.1: 96 bits is the recommended IV length). */
export const NONCE_BYTES = 12;
/** GCM tag length in bytes (WebCrypto's default, 128 bits). */
export const TAG_BYTES = 16;

/** One sealed value: the key that sealed it, its nonce and the ciphertext with its tag. */
export interface Sealed {
  keyId: string;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

/** A set of keys: seals with the current one, opens with any of them (key rotation). */
export interface AesGcmVault {
  readonly currentKeyId: string;
  seal(plain: string, context: string): Promise<Sealed>;
  /** The plaintext, or null when the key id is unknown or the ciphertext or context do not match. */
  open(sealed: Sealed, context: string): Promise<string | null>;
  /** Whether a key id is one this vault holds. */
  has(keyId: string): boolean;
}

/** A 32-byte key from its base64url text; throws a message naming the secret otherwise. */
export function rawKey(text: string, what: string): Uint8Array {
  const bytes = base64urlDecode(text.trim());
  if (!bytes || bytes.length !== 32) throw new Error(`${what} must be 32 bytes in base64url`);
  return bytes;
}

/** A vault over `keys`, the first being the current one (later ids repeating an earlier one are ignored). */
export async function createAesGcmVault(keys: { kid: string; key: Uint8Array }[]): Promise<AesGcmVault> {
  const current = keys[0];
  if (!current) throw new Error("an AES-GCM vault needs a key");
  const imported = new Map<string, CryptoKey>();
  for (const k of keys)
    if (!imported.has(k.kid))
      imported.set(k.kid, await crypto.subtle.importKey("raw", k.key, "AES-GCM", false, ["encrypt", "decrypt"]));
  return {
    currentKeyId: current.kid,
    has: (keyId) => imported.has(keyId),
    async seal(plain, context) {
      // Random 96-bit nonces (NIST SP 800-38D §8.2.2): 2^32 seals per key, far beyond WeGO's volume.
      const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv: nonce, additionalData: utf8.encode(context) },
        imported.get(current.kid)!,
        utf8.encode(plain),
      );
      return { keyId: current.kid, nonce, ciphertext: new Uint8Array(ct) };
    },
    async open(sealed, context) {
      const key = imported.get(sealed.keyId);
      if (!key || sealed.nonce.length !== NONCE_BYTES || sealed.ciphertext.length < TAG_BYTES) return null;
      try {
        const pt = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: sealed.nonce, additionalData: utf8.encode(context) },
          key,
          sealed.ciphertext,
        );
        return new TextDecoder().decode(pt);
      } catch {
        return null;
      }
    },
  };
}
