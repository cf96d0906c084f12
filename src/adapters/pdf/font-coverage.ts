/** Which code points each bundled font family can draw, from the generated cmap table. */
import { FONT_COVERAGE } from "./font-coverage.generated";
import { hasMark, isPlain } from "./plain-text";
import type { FontName } from "./types";

/** A font family: a {@link FontName} without its weight (all weights here map the same code points). */
export type FontFamily = keyof typeof FONT_COVERAGE;

interface Ranges {
  starts: Uint32Array;
  ends: Uint32Array;
}

const decoded = new Map<FontFamily, Ranges>();

function ranges(family: FontFamily): Ranges {
  let r = decoded.get(family);
  if (r) return r;
  const parts = FONT_COVERAGE[family].split(",").map((p) => parseInt(p, 36));
  const n = parts.length / 2;
  r = { starts: new Uint32Array(n), ends: new Uint32Array(n) };
  let end = 0;
  for (let i = 0; i < n; i++) {
    const start = end + (parts[2 * i] ?? 0);
    end = start + (parts[2 * i + 1] ?? 0);
    r.starts[i] = start;
    r.ends[i] = end; // exclusive
  }
  decoded.set(family, r);
  return r;
}

/** The family of a font name, e.g. `NotoSansKR` for `NotoSansKR-Bold`. */
export function familyOf(font: FontName): FontFamily {
  return font.slice(0, font.indexOf("-")) as FontFamily;
}

/** Whether the font's cmap maps the code point (binary search over the generated ranges). */
export function fontCovers(font: FontName, codePoint: number): boolean {
  const { starts, ends } = ranges(familyOf(font));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (codePoint < starts[mid]!) hi = mid - 1;
    else if (codePoint >= ends[mid]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** All code points of a family, ascending (used by tests to compare the table with the real fonts). */
export function coveredCodePoints(family: FontFamily): number[] {
  const { starts, ends } = ranges(family);
  const out: number[] = [];
  for (let i = 0; i < starts.length; i++) for (let c = starts[i]!; c < ends[i]!; c++) out.push(c);
  return out;
}

/** Fonts for scripts that have one font each (Noto Sans family, bold, as the name is set). */
const SCRIPT_FONTS: readonly FontName[] = [
  "NotoSansArabic-Bold",
  "NotoSansHebrew-Bold",
  "NotoSansDevanagari-Bold",
  "NotoSansBengali-Bold",
  "NotoSansGujarati-Bold",
  "NotoSansGurmukhi-Bold",
  "NotoSansOriya-Bold",
  "NotoSansTamil-Bold",
  "NotoSansTelugu-Bold",
  "NotoSansKannada-Bold",
  "NotoSansMalayalam-Bold",
  "NotoSansSinhala-Bold",
  "NotoSansThai-Bold",
  "NotoSansLao-Bold",
  "NotoSansKhmer-Bold",
  "NotoSansMyanmar-Bold",
  "NotoSansGeorgian-Bold",
  "NotoSansArmenian-Bold",
  "NotoSansEthiopic-Bold",
];
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;

/**
 * Fonts tried, in order, for the participant's name: Noto Sans (Latin, Greek, Cyrillic), then the Han
 * fonts in the order the name suggests (kana: Japanese glyph forms first; Hangul: Korean; otherwise
 * Simplified Chinese, then Traditional, Japanese, Korean), then one font per other script.
 */
export function nameFonts(name: string): readonly FontName[] {
  const plain = isPlain(name);
  const han: FontName[] =
    !plain && KANA.test(name)
      ? ["NotoSansJP-Bold", "NotoSansSC-Bold", "NotoSansTC-Bold", "NotoSansKR-Bold"]
      : !plain && HANGUL.test(name)
        ? ["NotoSansKR-Bold", "NotoSansSC-Bold", "NotoSansTC-Bold", "NotoSansJP-Bold"]
        : ["NotoSansSC-Bold", "NotoSansTC-Bold", "NotoSansJP-Bold", "NotoSansKR-Bold"];
  return ["NotoSans-Bold", ...han, ...SCRIPT_FONTS];
}

/** Every font a name may use (tests, coverage checks). */
export const NAME_FONTS: readonly FontName[] = nameFonts("");

/** A run of text set in one font. */
export interface FontRun {
  text: string;
  font: FontName;
}

/**
 * Splits `text` into runs of one font each: the whole text in the first font of `fonts` that covers it
 * all, else greedily (a run continues while its font covers the next character; a new run starts with
 * the first font that does; a combining mark never starts a run, it stays with its base). Undefined
 * when some character cannot be placed.
 */
export function fontRuns(text: string, fonts: readonly FontName[]): FontRun[] | undefined {
  const whole = firstCoveringFont(text, fonts);
  if (whole) return [{ text, font: whole }];
  const runs: FontRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    if (last && fontCovers(last.font, cp)) {
      last.text += ch;
      continue;
    }
    if (hasMark(ch)) return undefined;
    const font = fonts.find((f) => fontCovers(f, cp));
    if (!font) return undefined;
    runs.push({ text: ch, font });
  }
  return runs;
}

/** Fonts tried, in order, for other variable text (achievement, venue, themes). */
export const BODY_FONTS: readonly FontName[] = [
  "NotoSans-Regular",
  "NotoSansKR-Regular",
  "NotoSansArabic-Regular",
  "NotoSansHebrew-Regular",
];

/** The first font of `fonts` that covers every code point of `text`, or undefined. */
export function firstCoveringFont(text: string, fonts: readonly FontName[]): FontName | undefined {
  return fonts.find((font) => {
    for (const ch of text) if (!fontCovers(font, ch.codePointAt(0)!)) return false;
    return true;
  });
}
