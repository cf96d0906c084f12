/**
 * Participants' email addresses at rest: the AES-GCM vault (aes-gcm-vault.ts) under keys named by
 * a key id, so keys can be rotated (new writes use the current key, older ciphertexts still open
 * with the keys kept for reading), plus a keyed blind index (HMAC-SHA-256 under a separate key)
 * for exact lookup without decrypting every row. Stored as base64url(nonce ‖ ciphertext+tag) next
 * to the key id.
 */
import { base64urlDecode, base64urlEncode, concatBytes, toHex, utf8 } from "../../lib/encoding";
import { createAesGcmVault, NONCE_BYTES, rawKey, TAG_BYTES } from "./aes-gcm-vault";

/** An email sealed for storage. */
export interface SealedEmail {
  /** base64url(iv ‖ AES-GCM ciphertext+tag). */
  ciphertext: string;
  keyId: string;
}

/** Encrypts, decrypts and indexes email addresses. */
export interface EmailVault {
  /** Seals `email` bound to `context` (GCM additional data, e.g. `cert:<id>`): it opens only there. */
  seal(email: string, context: string): Promise<SealedEmail>;
  /** Opens a sealed email; throws when the key is unknown or the ciphertext or context do not match. */
  open(sealed: SealedEmail, context: string): Promise<string>;
  /** The blind index of an address (after {@link normalizeEmail}): hex HMAC-SHA-256. */
  index(email: string): Promise<string>;
  /** The key id new seals use. */
  readonly currentKeyId: string;
}

/** Key ids: short, printable, stable (they are stored next to every ciphertext). */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * The form an address is indexed under: trimmed, NFC, lower case. Lower-casing the local part is
 * not what RFC 5321 §2.4 promises, but no mail provider WeGO's participants use distinguishes case,
 * and a participant typing their address differently must still find their certificates.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

/** Parses `kid:base64url(32 bytes)`. */
function parseKeySpec(spec: string, what: string): { kid: string; key: Uint8Array } {
  const at = spec.indexOf(":");
  const kid = spec.slice(0, at).trim();
  if (at < 1 || !KEY_ID.test(kid)) throw new Error(`${what} must be "<key id>:<base64url key>"`);
  return { kid, key: rawKey(spec.slice(at + 1), what) };
}

/** The secrets a vault is built from (see README "Configuration"). */
export interface EmailKeySecrets {
  /** `kid:base64url(32 bytes)`: the key new seals use. */
  encryptionKey: string;
  /** Comma-separated `kid:key` entries kept only to open older ciphertexts during a rotation. */
  previousKeys?: string;
  /** base64url(32 bytes): the blind-index HMAC key (never rotated without re-indexing). */
  indexKey: string;
}

/** Builds a vault from its secrets; throws a message naming the bad secret. */
export async function createEmailVault(secrets: EmailKeySecrets): Promise<EmailVault> {
  const current = parseKeySpec(secrets.encryptionKey, "EMAIL_ENCRYPTION_KEY");
  const specs = [
    current,
    ...(secrets.previousKeys ?? "")
      .split(",")
      .filter((s) => s.trim())
      .map((s) => parseKeySpec(s, "EMAIL_ENCRYPTION_PREVIOUS_KEYS")),
  ];
  const vault = await createAesGcmVault(specs);
  const hmac = await crypto.subtle.importKey(
    "raw",
    rawKey(secrets.indexKey, "EMAIL_INDEX_KEY"),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return {
    currentKeyId: vault.currentKeyId,
    async seal(email, context) {
      const s = await vault.seal(email, context);
      return { ciphertext: base64urlEncode(concatBytes(s.nonce, s.ciphertext)), keyId: s.keyId };
    },
    async open(sealed, context) {
      if (!vault.has(sealed.keyId)) throw new Error(`no email key "${sealed.keyId}" is configured`);
      const bytes = base64urlDecode(sealed.ciphertext);
      if (!bytes || bytes.length < NONCE_BYTES + TAG_BYTES) throw new Error("malformed email ciphertext");
      const email = await vault.open(
        { keyId: sealed.keyId, nonce: bytes.slice(0, NONCE_BYTES), ciphertext: bytes.slice(NONCE_BYTES) },
        context,
      );
      if (email === null) throw new Error("the email ciphertext does not open in this context");
      return email;
    },
    async index(email) {
      return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", hmac, utf8.encode(normalizeEmail(email)))));
    },
  };
}
