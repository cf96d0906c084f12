/**
 * Encryption of stored shared secrets (webhook secrets, HS256 claim keys) under a key held only as
 * a Worker secret (SOURCE_SECRETS_KEY), through the AES-GCM vault (aes-gcm-vault.ts). The row's
 * identity is the additional authenticated data, so a ciphertext copied to another row or source
 * does not decrypt. Stored as `v1.<base64url nonce>.<base64url ciphertext+tag>`.
 */
import { base64urlDecode, base64urlEncode } from "../../lib/encoding";
import { createAesGcmVault, rawKey } from "./aes-gcm-vault";

/** Seals and opens secrets bound to a context string (e.g. `source/key-id/purpose`). */
export interface SecretBox {
  seal(plain: string, context: string): Promise<string>;
  /** The plaintext, or null when the ciphertext or context does not match. */
  open(sealed: string, context: string): Promise<string | null>;
}

/** The format version, also the vault's only key id (the key itself has no rotation). */
const VERSION = "v1";

/** A box from a 32-byte key in base64url; throws on another length (a configuration error). */
export async function createSecretBox(keyText: string): Promise<SecretBox> {
  const vault = await createAesGcmVault([{ kid: VERSION, key: rawKey(keyText, "SOURCE_SECRETS_KEY") }]);
  return {
    async seal(plain, context) {
      const s = await vault.seal(plain, context);
      return `${VERSION}.${base64urlEncode(s.nonce)}.${base64urlEncode(s.ciphertext)}`;
    },
    async open(sealed, context) {
      const [version, nonce, ciphertext, extra] = sealed.split(".");
      const n = base64urlDecode(nonce ?? "");
      const c = base64urlDecode(ciphertext ?? "");
      if (version !== VERSION || extra !== undefined || !n || !c) return null;
      return vault.open({ keyId: VERSION, nonce: n, ciphertext: c }, context);
    },
  };
}
