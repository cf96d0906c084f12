/** Strict UTF-8 for uploaded text files: invalid bytes are reported by line, never replaced by U+FFFD. */
const LF = 0x0a;

/** Strict UTF-8 decoding (BOM dropped); on failure, the first line holding invalid bytes (1-based). */
export function decodeUtf8(bytes: Uint8Array): string | { badLine: number | null } {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // LF (0x0A) never occurs inside a multi-byte UTF-8 sequence, so lines can be checked one by one.
    const line = firstBadLine(bytes);
    return { badLine: line };
  }
}

function firstBadLine(bytes: Uint8Array): number | null {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let line = 1;
  let from = 0;
  while (from <= bytes.length) {
    let to = bytes.indexOf(LF, from);
    if (to < 0) to = bytes.length;
    try {
      decoder.decode(bytes.subarray(from, to));
    } catch {
      return line;
    }
    line++;
    from = to + 1;
  }
  return null;
}
