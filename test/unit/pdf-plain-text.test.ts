/**
 * The plain-text shortcuts (src/adapters/pdf/plain-text.ts) give the answers of the Unicode-property
 * expressions they stand in for: checked for every plain code point, and on random strings for name
 * normalization as a whole (against the expressions of names.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeName } from "../../src/adapters/pdf/names";
import { PLAIN_FORMAT, PLAIN_SPACES, PLAIN_WHITE, hasMark, isPlain } from "../../src/adapters/pdf/plain-text";
import { runs } from "../support/fast-check-setup";

const RANGES: [number, number][] = [
  [0x0000, 0x02ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20a0, 0x20cf],
];
const PLAIN = RANGES.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)));
/** What the shortcuts stand in for (names.ts, fonts.ts, font-coverage.ts, name-runs.ts). */
const SLOW = {
  mark: /\p{M}/u,
  format: /[\p{Cf}\p{Cs}]/u,
  spaces: /[\p{Cc}\p{Z}\s]/u,
  white: /\s/,
  scripts:
    /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Kannada}\p{Script=Telugu}\p{Script=Malayalam}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\u200c\u200d]/u,
};
/** normalizeName as names.ts spells it for any text. */
function reference(name: string): string {
  const joiner =
    "\\p{Script=Arabic}\\p{Script=Devanagari}\\p{Script=Bengali}\\p{Script=Gurmukhi}\\p{Script=Gujarati}\\p{Script=Oriya}" +
    "\\p{Script=Tamil}\\p{Script=Telugu}\\p{Script=Kannada}\\p{Script=Malayalam}\\p{Script=Sinhala}\\p{Script=Khmer}\\p{Script=Myanmar}";
  const stray = new RegExp(`(?<![${joiner}])[\\u200C\\u200D](?![${joiner}])`, "gu");
  const spaces = /[\p{Cc}\p{Z}\s]+/gu;
  const out = name
    .replace(/(?![\u200C\u200D])[\p{Cf}\p{Cs}]/gu, "")
    .replace(spaces, " ")
    .replace(stray, "");
  return out.normalize("NFC").replace(spaces, " ").trim();
}

describe("plain text", () => {
  it("every plain code point: no mark, no shaped script, the same format and space classes, NFC-stable", () => {
    expect(PLAIN.length).toBe(0x300 + 0x18 + 0x2f + 0x30);
    for (const c of PLAIN) {
      const hex = c.codePointAt(0)!.toString(16);
      expect(isPlain(c), hex).toBe(true);
      expect(SLOW.mark.test(c) || SLOW.scripts.test(c), hex).toBe(false);
      expect(hasMark(c), hex).toBe(false);
      expect(new RegExp(PLAIN_FORMAT.source).test(c), hex).toBe(SLOW.format.test(c));
      expect(new RegExp(PLAIN_SPACES.source).test(c), hex).toBe(SLOW.spaces.test(c));
      expect(PLAIN_WHITE.test(c), hex).toBe(SLOW.white.test(c));
      expect(c.normalize("NFC"), hex).toBe(c);
    }
    for (const c of ["\u0300", "\u0591", "\u2028", "\u200d", "가", "ア", "\u20d0"]) expect(isPlain(c), c).toBe(false);
  });

  it("normalizeName equals the Unicode-property version (plain, mixed and other strings)", () => {
    const pool = [
      ...PLAIN.filter((_, i) => i % 7 === 0),
      " ",
      "\u00ad",
      "\t",
      "\u00a0",
      "e\u0301",
      "\u200d",
      "ක",
      "ා",
      "가",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 30 }), (parts) => {
        const s = parts.join("");
        expect(normalizeName(s)).toBe(reference(s));
      }),
      runs(2000),
    );
    for (const s of ["  Ana\u00ad Souza\t", "Nguyễn Thị", "Ləman\u00a0Əliyeva", "Zoe\u0331 Smith"])
      expect(normalizeName(s), s).toBe(reference(s));
  });
});
