/**
 * Participant names: Unicode normalisation and removal of characters that must never reach a
 * certificate (controls, bidi overrides/isolates that could visually reorder the name).
 */

/** C0/C1 controls, zero-width and bidi formatting characters (Unicode TR9 §2: explicit formatting). */
const STRIP = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFB]/g;

/** A cleaned name, or the reason it cannot be used. */
export type NameResult = { ok: true; value: string } | { ok: false; reason: string };

/** NFC-normalises, strips controls and bidi overrides, collapses white space. */
export function cleanName(raw: string): NameResult {
  const value = raw.normalize("NFC").replace(STRIP, " ").replace(/\s+/gu, " ").trim();
  if (!value) return { ok: false, reason: "must contain visible characters" };
  if (/^[\p{M}\s]+$/u.test(value)) return { ok: false, reason: "must not consist only of combining marks" };
  if (value.length > 200) return { ok: false, reason: "must be at most 200 characters" };
  return { ok: true, value };
}
