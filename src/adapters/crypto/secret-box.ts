/**
 * Encryption of stored shared secrets (webhook secrets, HS256 claim keys) with AES-256-GCM under
 * a key held only as a Worker secret (SOURCE_SECRETS_KEY). The row's identity is the additional
 * authenticated data, so a ciphertext copied to another row or source does not decrypt.
 */
import { base64urlDecode, base64urlEncode, utf8 } from "../../lib/encoding";

/** Seals and opens secrets bound to a context string (e.g. `source/key-id/purpose`). */
export interface SecretBox {
  seal(plain: string, context: string): Promise<string>;
  /** The plaintext, or null when the ciphertext or context does not match. */
  open(sealed: string, context: string): Promise<string | null>;
}

const PREFIX = "v1.";

/** A box from a 32-byte key in base64url; throws on another length (a configuration error). */
export async function createSecretBox(keyText: string): Promise<SecretBox> {
  const raw = base64urlDecode(keyText.trim());
  if (!raw || raw.length !== 32) throw new Error("SOURCE_SECRETS_KEY must be 32 bytes in base64url");
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return {
    async seal(plain, context) {
      // 96-bit random nonces (NIST SP 800-38D §8.2.2): far below 2^32 secrets per key.
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: utf8.encode(context) },
        key,
        utf8.encode(plain),
      );
      return `${PREFIX}${base64urlEncode(iv)}.${base64urlEncode(new Uint8Array(ct))}`;
    },
    async open(sealed, context) {
      const [iv, ct] = sealed.startsWith(PREFIX) ? sealed.slice(PREFIX.length).split(".") : [];
      const ivBytes = base64urlDecode(iv ?? "");
      const ctBytes = base64urlDecode(ct ?? "");
      if (!ivBytes || ivBytes.length !== 12 || !ctBytes) return null;
      try {
        const pt = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: ivBytes, additionalData: utf8.encode(context) },
          key,
          ctBytes,
        );
        return new TextDecoder().decode(pt);
      } catch {
        return null;
      }
    },
  };
}
