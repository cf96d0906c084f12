/** The file-name rules before the plain-ASCII path and the written-out character class (commit ddbc7c7), kept as the reference the current code must equal. */
/**
 * `Content-Disposition` for downloads named after the person (RFC 6266 §4.1): an ASCII `filename`
 * for old clients and the exact name in `filename*` (RFC 8187 UTF-8 percent-encoding), which
 * current browsers prefer (RFC 6266 §4.3).
 */

/** Characters no file system or shell handles well, controls and bidi/format characters. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}\p{Cf}]/gu;
const MAX_NAME = 120;

/** The file name for a person's certificate, e.g. `WeGO certificate - Ana Souza.pdf`. */
export function certificateFileName(personName: string, extension: string): string {
  const clean = personName.normalize("NFC").replace(UNSAFE, "").replace(/\s+/gu, " ").trim();
  const short = [...clean].slice(0, MAX_NAME).join("").trim();
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
  const ascii = [...fileName]
    .map((c) => LATIN_FOLDS[c] ?? c)
    .join("")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
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
