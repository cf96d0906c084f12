/**
 * Compact signed QR payload ("offline token"), carried in the certificate URL's fragment so a
 * phone can confirm the signed facts even when the network is down. The fragment is never sent to
 * the server. It holds no personal data in clear: the participant's name appears only as a
 * truncated SHA-256 hash, which the page compares with the name it shows.
 *
 * Layout (binary, then base64url): version (1 byte, 0x01) ‖ validFrom (uint32 BE, Unix seconds) ‖
 * validUntil (uint32 BE, 0 = none) ‖ kid prefix (first 8 bytes of the base64url-decoded RFC 7638
 * thumbprint) ‖ name hash (first 16 bytes of SHA-256(NFC name)) ‖ achievement slug (UTF-8, ≤ 64
 * bytes) ‖ signature (64 bytes, last).
 * Signature input: "wego-qr-v1" ‖ 0x00 ‖ certificate id (the URL path segment, ASCII) ‖ 0x00 ‖
 * every payload byte before the signature. Signed with the issuer's Ed25519 key.
 */
import { base64urlDecode, base64urlEncode, concatBytes, utf8 } from "../lib/encoding";

export const COMPACT_VERSION = 1;
const HEADER = 1 + 4 + 4 + 8 + 16;
const DOMAIN = utf8.encode("wego-qr-v1");

/** The facts the compact token signs. */
export interface CompactFacts {
  certificateId: string;
  validFrom: Date;
  validUntil?: Date;
  kid: string;
  recipientName: string;
  achievementId: string;
}

/** Decoded token, before signature verification. */
export interface ParsedCompactToken {
  validFrom: number;
  validUntil: number | null;
  kidPrefix: Uint8Array;
  nameHash: Uint8Array;
  achievementId: string;
  signature: Uint8Array;
  /** The bytes the signature covers (needs the certificate id from the URL). */
  signingInput: (certificateId: string) => Uint8Array;
}

async function nameHash(name: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(name.normalize("NFC")))).slice(0, 16);
}

function body(facts: CompactFacts, hash: Uint8Array): Uint8Array {
  const slug = utf8.encode(facts.achievementId);
  if (slug.length > 64) throw new RangeError("achievement id too long for a compact token");
  const head = new Uint8Array(HEADER);
  const view = new DataView(head.buffer);
  head[0] = COMPACT_VERSION;
  view.setUint32(1, uint32Seconds(facts.validFrom));
  view.setUint32(5, facts.validUntil ? uint32Seconds(facts.validUntil) : 0);
  head.set(base64urlDecode(facts.kid)!.slice(0, 8), 9);
  head.set(hash, 17);
  return concatBytes(head, slug);
}

function signingInput(certificateId: string, payload: Uint8Array): Uint8Array {
  return concatBytes(DOMAIN, new Uint8Array([0]), utf8.encode(certificateId), new Uint8Array([0]), payload);
}

/** Builds and signs the token for a certificate. */
export async function createCompactToken(
  facts: CompactFacts,
  sign: (data: Uint8Array) => Promise<Uint8Array>,
): Promise<string> {
  const payload = body(facts, await nameHash(facts.recipientName));
  const signature = await sign(signingInput(facts.certificateId, payload));
  return base64urlEncode(concatBytes(payload, signature));
}

/** Parses a token; null if it is not a well-formed v1 token. Never throws. */
export function parseCompactToken(token: string): ParsedCompactToken | null {
  if (typeof token !== "string" || token.length > 400) return null;
  const bytes = base64urlDecode(token);
  if (!bytes || bytes.length < HEADER + 1 + 64 || bytes.length > HEADER + 64 + 64 || bytes[0] !== COMPACT_VERSION)
    return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const payload = bytes.slice(0, bytes.length - 64);
  let achievementId: string;
  try {
    achievementId = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(payload.slice(HEADER));
  } catch {
    return null;
  }
  const validUntil = view.getUint32(5);
  return {
    validFrom: view.getUint32(1),
    validUntil: validUntil === 0 ? null : validUntil,
    kidPrefix: bytes.slice(9, 17),
    nameHash: bytes.slice(17, 33),
    achievementId,
    signature: bytes.slice(bytes.length - 64),
    signingInput: (certificateId) => signingInput(certificateId, payload),
  };
}

/** Whether a displayed name is the one the token signed. */
export async function nameMatches(token: ParsedCompactToken, name: string): Promise<boolean> {
  const h = await nameHash(name);
  return h.every((b, i) => b === token.nameHash[i]);
}

/** Unix seconds as uint32; a date the field cannot hold throws rather than wrapping to another date. */
function uint32Seconds(d: Date): number {
  const s = Math.floor(d.getTime() / 1000);
  if (!Number.isInteger(s) || s < 1 || s > 0xffffffff)
    throw new RangeError(`date out of the token's range: ${d.toISOString()}`);
  return s;
}
