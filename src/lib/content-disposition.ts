/**
 * `Content-Disposition` for downloads named after the person (RFC 6266 §4.1): an ASCII `filename`
 * for old clients and the exact name in `filename*` (RFC 8187 UTF-8 percent-encoding), which
 * current browsers prefer (RFC 6266 §4.3).
 */

/**
 * Characters no file system or shell handles well: `\ / : * ? " < > |`, controls (Cc) and format
 * characters such as bidi controls (Cf, Unicode 17), written out because a `\p{…}` class costs
 * milliseconds to compile in a new isolate (test/unit/content-disposition.test.ts checks it against
 * `[\p{Cc}\p{Cf}]` for every code point).
 */
const UNSAFE =
  /[\\/:*?"<>|\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\u{110bd}\u{110cd}\u{13430}-\u{1343f}\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0001}\u{e0020}-\u{e007f}]/gu;
/** Printable ASCII only: nothing to normalize, fold or measure in code points. */
const PLAIN = /^[\x20-\x7e]*$/;

/** Whether `c` (one code point) is left out of file names. */
export function unsafeInFileName(c: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(c);
}
const MAX_NAME = 120;

/** The file name for a person's certificate, e.g. `WeGO certificate - Ana Souza.pdf`. */
export function certificateFileName(personName: string, extension: string): string {
  const plain = PLAIN.test(personName);
  const clean = plain
    ? personName
        .replace(/[\\/:*?"<>|]/g, "")
        .replace(/ +/g, " ")
        .trim()
    : personName.normalize("NFC").replace(UNSAFE, "").replace(/\s+/gu, " ").trim();
  const short = (plain ? clean.slice(0, MAX_NAME) : [...clean].slice(0, MAX_NAME).join("")).trim();
  return short ? `WeGO certificate - ${short}.${extension}` : `WeGO certificate.${extension}`;
}

/** RFC 8187 `attr-char`s stay, everything else is percent-encoded UTF-8. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Latin letters that do not decompose into a base letter and a mark. */
const LATIN_FOLDS: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Ø: "O",
  ø: "o",
  Đ: "D",
  đ: "d",
  ß: "ss",
  Æ: "AE",
  æ: "ae",
  Œ: "OE",
  œ: "oe",
  Þ: "Th",
  þ: "th",
  ı: "i",
  Ə: "E",
  ə: "e",
};

/** ASCII fallback: letters without their accents, other non-ASCII dropped; `fallback` when nothing is left. */
function asciiName(fileName: string, fallback: string): string {
  // NFKD splits accented letters into a base letter and marks; the marks, like every other
  // character outside printable ASCII, are then dropped.
  const folded = PLAIN.test(fileName)
    ? fileName
    : [...fileName]
        .map((c) => LATIN_FOLDS[c] ?? c)
        .join("")
        .normalize("NFKD");
  const ascii = folded
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\%]/g, "")
    .replace(/\s+/g, " ")
    .replace(/ - \./, ".")
    .trim();
  return /[A-Za-z0-9]/.test(ascii.replace(/^WeGO certificate/, "")) ? ascii : fallback;
}

/** The header value: `inline` or `attachment`, ASCII `filename` and UTF-8 `filename*`. */
export function contentDisposition(type: "inline" | "attachment", fileName: string, asciiFallback: string): string {
  return `${type}; filename="${asciiName(fileName, asciiFallback)}"; filename*=UTF-8''${encodeRfc8187(fileName)}`;
}
