/**
 * The search form of a name: what staff type and what is stored compare equal regardless of case,
 * accents and compatibility forms, in any script.
 *
 * NFKD (UAX #15) splits precomposed letters into base + combining marks and maps compatibility
 * forms (full-width Latin, ligatures) to their plain letters; the marks (General Category M) are
 * then dropped, which is what "accent-insensitive" means for Latin, Greek and Cyrillic names.
 * Case is folded by upper- then lower-casing (ß → ss, final sigma ς → σ). Hangul syllables
 * decompose to jamo under NFKD, on both sides alike, so a syllable typed matches it in a name.
 */
export function searchKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toUpperCase()
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim();
}

/** The canonical form of an email for lookups: trimmed, NFC, lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}
