/**
 * Cheap answers for "plain" text: Latin (U+0000–02FF: ASCII, Latin-1, Latin Extended-A/B, IPA),
 * general punctuation (U+2010–2027, U+2030–205E) and currency signs (U+20A0–20CF). Such text holds
 * no combining mark, no character of a script that needs shaping, no Hangul or kana, no format
 * character but the soft hyphen, no space or control outside U+0000–0020 and U+007F–00A0, and is
 * unchanged by NFC. So the Unicode-property regular expressions the renderer and the name check use
 * (each built from ICU data on its first use: milliseconds in a new isolate) can be skipped for it,
 * with the same answers (test/unit/pdf-plain-text.test.ts checks every plain code point).
 */

const PLAIN = /^[\u0000-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20cf]*$/;
const MARK = /\p{M}/u;

/** Whether `text` is plain in the sense above. */
export function isPlain(text: string): boolean {
  return PLAIN.test(text);
}

/** Whether `text` holds a combining mark (`\p{M}`). */
export function hasMark(text: string): boolean {
  return !isPlain(text) && MARK.test(text);
}

/** In plain text: the characters of `[\p{Cc}\p{Z}\s]` (controls, spaces, separators). */
export const PLAIN_SPACES = /[\u0000-\u0020\u007f-\u00a0]+/g;
/** In plain text: the characters of `[\p{Cf}\p{Cs}]` (the soft hyphen only). */
export const PLAIN_FORMAT = /\u00ad/g;
/** In plain text: the characters of `\s`. */
export const PLAIN_WHITE = /[\t-\r \u00a0]/;
