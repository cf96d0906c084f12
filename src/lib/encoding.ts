/** Byte encodings used by the credential formats (base58btc for multibase `z` via @scure/base; base64url through the platform's `btoa`/`atob`), hex. */
import { base58 } from "@scure/base";

/** Bitcoin base58 alphabet, as used by multibase `z` (W3C Controlled Identifiers §2.4). */
export function base58Encode(bytes: Uint8Array): string {
  return base58.encode(bytes);
}

/** Decodes base58btc; returns null on any character outside the alphabet. */
export function base58Decode(text: string): Uint8Array | null {
  // The library's decoder is quadratic in the input length: longer strings are never ours.
  if (text.length > 4096) return null;
  try {
    return base58.decode(text);
  } catch {
    return null;
  }
}

/**
 * RFC 4648 §5 base64url without padding. Through the platform's `btoa` rather than @scure/base's
 * generic radix conversion, which runs in JavaScript and cost milliseconds for a credential-sized
 * payload (every VC-JWT put back together on read) in a new isolate; the output is the same
 * (test/unit/lib/encoding.test.ts).
 */
export function base64urlEncode(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep the spread argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The value of a base64url character (RFC 4648 §5, Table 2); the caller has checked the alphabet. */
function base64urlValue(c: number): number {
  if (c >= 97) return c - 71; // a-z: 26-51
  if (c >= 65) return c === 95 ? 63 : c - 65; // A-Z: 0-25, "_": 63
  return c === 45 ? 62 : c + 4; // "-": 62, 0-9: 52-61
}

/**
 * Strict RFC 4648 §5 base64url without padding: null on any other character, on `=`, on an
 * impossible length (4k+1) or on non-zero leftover bits (non-canonical, RFC 4648 §3.5), so each
 * byte string has exactly one accepted encoding. Decoded by the platform's `atob` once those checks
 * pass: @scure/base's generic radix conversion allocated about 60 KiB per VC-JWT verified (its
 * output is the same, test/unit/lib/encoding.test.ts).
 */
export function base64urlDecode(text: string): Uint8Array | null {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const leftover = text.length % 4;
  if (leftover === 1) return null;
  // 2 characters carry 12 bits for one byte (4 spare), 3 carry 18 for two (2 spare).
  if (leftover && base64urlValue(text.charCodeAt(text.length - 1)) & (leftover === 2 ? 0x0f : 0x03)) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

/** Parses even-length hex; returns null otherwise. */
export function fromHex(hex: string): Uint8Array | null {
  if (hex.length % 2 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export const utf8 = new TextEncoder();
