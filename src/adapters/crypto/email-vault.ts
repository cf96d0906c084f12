/**
 * Participants' email addresses at rest: AES-256-GCM (WebCrypto) under a key named by a key id, so
 * keys can be rotated (new writes use the current key, older ciphertexts still open with the keys
 * kept for reading), plus a keyed blind index (HMAC-SHA-256 under a separate key) for exact
 * lookup without decrypting every row.
 */
import { base64urlDecode, base64urlEncode, concatBytes, toHex, utf8 } from "../../lib/encoding";

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

function rawKey(text: string, what: string): Uint8Array {
  const bytes = base64urlDecode(text.trim());
  if (!bytes || bytes.length !== 32) throw new Error(`${what} must be 32 bytes in base64url`);
  return bytes;
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
  const keys = new Map<string, CryptoKey>();
  for (const s of specs)
    if (!keys.has(s.kid))
      keys.set(s.kid, await crypto.subtle.importKey("raw", s.key, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]));
  const hmac = await crypto.subtle.importKey(
    "raw",
    rawKey(secrets.indexKey, "EMAIL_INDEX_KEY"),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return {
    currentKeyId: current.kid,
    async seal(email, context) {
      // 96-bit random IVs: NIST SP 800-38D §8.3 allows 2^32 messages per key, far beyond WeGO's volume.
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: utf8.encode(context) },
        keys.get(current.kid)!,
        utf8.encode(email),
      );
      return { ciphertext: base64urlEncode(concatBytes(iv, new Uint8Array(ct))), keyId: current.kid };
    },
    async open(sealed, context) {
      const key = keys.get(sealed.keyId);
      if (!key) throw new Error(`no email key "${sealed.keyId}" is configured`);
      const bytes = base64urlDecode(sealed.ciphertext);
      if (!bytes || bytes.length < 12 + 16) throw new Error("malformed email ciphertext");
      const pt = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: bytes.slice(0, 12), additionalData: utf8.encode(context) },
        key,
        bytes.slice(12),
      );
      return new TextDecoder().decode(pt);
    },
    async index(email) {
      return toHex(new Uint8Array(await crypto.subtle.sign("HMAC", hmac, utf8.encode(normalizeEmail(email)))));
    },
  };
}
