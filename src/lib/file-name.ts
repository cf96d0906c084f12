/**
 * A file name from a person's name, safe on Windows, macOS and Linux and inside ZIP archives, in
 * any script: control, format and separator characters removed, characters Windows forbids
 * (`<>:"/\|?*`) replaced, no leading dots (hidden files) or trailing dots and spaces, at most
 * `max` code points. Empty results fall back to `fallback`.
 */
export function safeFileStem(name: string, max = 80, fallback = "certificate"): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[<>:"/\\|?*]/g, "_")
    .replace(/\s+/gu, " ")
    .trim()
    .replace(/^[.\s]+/u, "");
  const cut = [...cleaned]
    .slice(0, max)
    .join("")
    .replace(/[.\s]+$/u, "");
  return cut || fallback;
}
