/**
 * Folding names for search: the same function runs on stored names and on what staff type, so
 * "lemán" finds "Ləman", "ELENI" finds "Ελένη" and "김민" finds "김민준" (any script).
 */

/** Letters that are not "letter + accent" in Unicode, so NFKD does not separate them. */
const EXTRA_FOLDS: Record<string, string> = {
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ə: "e",
  ħ: "h",
  ŧ: "t",
  ς: "σ",
};

/**
 * The search form of a name: compatibility decomposition (NFKD, UAX #15) with combining marks
 * removed, lower-cased (Unicode default case mapping), a few extra Latin folds, and runs of
 * white space as one space. Hangul syllables decompose to jamo, consistently on both sides.
 */
export function searchKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßẞæœøłđðþıəħŧς]/g, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .replace(/\s+/gu, " ")
    .trim();
}

/** Escapes `%`, `_` and `\` for a SQL LIKE pattern with `ESCAPE '\'`. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
