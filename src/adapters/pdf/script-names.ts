/**
 * Plain-language names for what a name contains that the certificate cannot print: the Unicode
 * script (UAX #24 Script property, as JavaScript's `\p{Script=…}` reads it) or the kind of character,
 * never code points (staff and participants read these messages).
 */

/** Scripts named in messages: Unicode script property value → English name. */
const SCRIPTS: readonly [string, string][] = [
  ["Latin", "Latin"],
  ["Greek", "Greek"],
  ["Cyrillic", "Cyrillic"],
  ["Han", "Chinese/Japanese (Han)"],
  ["Hangul", "Korean (Hangul)"],
  ["Hiragana", "Japanese (Hiragana)"],
  ["Katakana", "Japanese (Katakana)"],
  ["Arabic", "Arabic"],
  ["Hebrew", "Hebrew"],
  ["Devanagari", "Devanagari"],
  ["Bengali", "Bengali"],
  ["Thai", "Thai"],
  ["Tibetan", "Tibetan"],
  ["Mongolian", "Mongolian"],
  ["Syriac", "Syriac"],
  ["Thaana", "Thaana (Dhivehi)"],
  ["Nko", "N’Ko"],
  ["Tifinagh", "Tifinagh"],
  ["Cherokee", "Cherokee"],
  ["Canadian_Aboriginal", "Canadian Aboriginal syllabics"],
  ["Yi", "Yi"],
  ["Bopomofo", "Bopomofo"],
  ["Javanese", "Javanese"],
  ["Balinese", "Balinese"],
  ["Sundanese", "Sundanese"],
  ["Buginese", "Buginese"],
  ["Tagalog", "Baybayin (Tagalog)"],
  ["Cham", "Cham"],
  ["Tai_Le", "Tai Le"],
  ["New_Tai_Lue", "New Tai Lue"],
  ["Tai_Tham", "Tai Tham"],
  ["Tai_Viet", "Tai Viet"],
  ["Ol_Chiki", "Ol Chiki"],
  ["Meetei_Mayek", "Meetei Mayek"],
  ["Lepcha", "Lepcha"],
  ["Limbu", "Limbu"],
  ["Chakma", "Chakma"],
  ["Adlam", "Adlam"],
  ["Vai", "Vai"],
  ["Bamum", "Bamum"],
  ["Coptic", "Coptic"],
  ["Glagolitic", "Glagolitic"],
  ["Runic", "Runic"],
  ["Ogham", "Ogham"],
  ["Gothic", "Gothic"],
  ["Samaritan", "Samaritan"],
  ["Mandaic", "Mandaic"],
  ["Egyptian_Hieroglyphs", "Egyptian hieroglyphs"],
  ["Cuneiform", "Cuneiform"],
  ["Braille", "Braille"],
];

let compiled: [RegExp, string][] | undefined;

/** The plain-language name of the script or kind of one character. */
export function describeCharacter(ch: string): string {
  if (/\p{Extended_Pictographic}|\p{Emoji_Component}|\p{Emoji_Modifier}/u.test(ch) && !/[0-9#*]/.test(ch))
    return "emoji";
  if (/\p{Co}/u.test(ch)) return "private-use characters";
  if (/\p{Cn}/u.test(ch)) return "unassigned characters";
  compiled ??= SCRIPTS.map(([id, label]) => [new RegExp(`\\p{Script=${id}}`, "u"), label]);
  for (const [re, label] of compiled) if (re.test(ch)) return `${label} script`;
  if (/\p{S}/u.test(ch)) return "symbols";
  return "a script";
}

/**
 * The sentence for a name whose characters `missing` no bundled font has, e.g. "the name contains
 * Tibetan script, which the certificate cannot print yet". Rare characters of a printed script
 * (Latin, Han…) are quoted, since the script itself is supported.
 */
export function unprintableReason(missing: string[], supported: (ch: string) => boolean): string {
  const kinds = [...new Set(missing.map(describeCharacter))];
  const rare = missing.filter(supported);
  if (kinds.length === 1 && kinds[0] === "emoji")
    return "the name contains emoji, which cannot be printed on a certificate";
  if (rare.length > 0 && rare.length === missing.length)
    return `the name contains rare ${kinds.join(" and ")} characters that the certificate's fonts do not have: ${rare
      .slice(0, 5)
      .map((c) => `“${c}”`)
      .join(", ")}`;
  return `the name contains ${kinds.join(", ")}, which the certificate cannot print yet`;
}
