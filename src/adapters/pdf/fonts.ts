/**
 * Module-level font cache: each font file is loaded once per isolate, its tables located once
 * (sfnt.ts: cmap, metrics, glyphs; sfnt-tables.ts) and, when a text needs it, shaped with HarfBuzz
 * (harfbuzz.ts) and its shaped glyphs drawn from fontkit's outlines; font-embed.ts subsets the raw
 * bytes itself. Fonts are loaded only when a text needs them, so a Latin certificate never reads the
 * multi-megabyte Han fonts; HarfBuzz and fontkit are loaded only for the first text that needs shaping.
 */
import type fontkit from "@pdf-lib/fontkit";
import { HarfBuzz } from "./harfbuzz";
import { isPlain } from "./plain-text";
import { type SfntFont, advanceWidth, parseSfnt } from "./sfnt";
import { cmapOf } from "./sfnt-tables";
import type { FontName, FontSource } from "./types";

export type FontkitFont = ReturnType<typeof fontkit.create>;

/** fontkit, loaded with the first text that needs shaping (its glyphs are drawn from fontkit's outlines). */
let fontkitModule: Promise<typeof fontkit> | undefined;
function loadFontkit(): Promise<typeof fontkit> {
  if (!fontkitModule) {
    const p = import("@pdf-lib/fontkit").then((m) => m.default);
    p.catch(() => (fontkitModule = undefined));
    fontkitModule = p;
  }
  return fontkitModule;
}

/** One glyph of laid-out text; lengths in font units. */
export interface PlacedGlyph {
  id: number;
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  /**
   * The Unicode text of the glyph's cluster on the cluster's first glyph (in drawing order), "" on the
   * cluster's other glyphs (HarfBuzz keeps a cluster's glyphs together).
   */
  text: string;
}

export interface CachedFont {
  bytes: Uint8Array;
  sfnt: SfntFont;
  /** The glyph id of a code point through the font's cmap (0, .notdef, when it has none). */
  glyphId(codePoint: number): number;
  /** The font parsed by fontkit, for outlines: only after {@link prepare} of a text that needs shaping. */
  readonly font: FontkitFont;
  /** Makes {@link layout} ready for `text`: loads the shaper and fontkit if the text needs shaping. */
  prepare(text: string): Promise<void>;
  /**
   * Lays out `text` (memoized): shaped by HarfBuzz where the script needs it, else one glyph per code
   * point. Text that needs shaping must have gone through {@link prepare} first.
   */
  layout(text: string): PlacedGlyph[];
}

const cache = new Map<FontName, Promise<CachedFont>>();
let harfbuzz: Promise<HarfBuzz> | undefined;

const MARK = /\p{M}/u;
const LAYOUT_MEMO_SIZE = 256;
/**
 * Fonts whose scripts always need OpenType shaping: contextual joining and right-to-left order (Arabic,
 * Hebrew points), reordering, conjuncts and mark stacking (Brahmic scripts, Thai, Lao, Khmer, Myanmar).
 * Other scripts map one code point to one glyph through the cmap (Latin, Greek, Cyrillic, Armenian,
 * Georgian, Ethiopic syllables, Hangul syllables, Han, kana) unless combining marks are left after NFC;
 * this also keeps ligatures out of them, so their text extracts exactly as typed.
 */
const COMPLEX =
  /^NotoSans(Arabic|Hebrew|Devanagari|Bengali|Gujarati|Gurmukhi|Kannada|Telugu|Malayalam|Oriya|Tamil|Sinhala|Thai|Lao|Khmer|Myanmar)-/;

/** Characters of those scripts, whichever font draws them (Noto Sans itself has Devanagari). */
const COMPLEX_TEXT =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Kannada}\p{Script=Telugu}\p{Script=Malayalam}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Whether {@link CachedFont.layout} shapes `text` with HarfBuzz. */
export function isShaped(name: FontName, text: string): boolean {
  return COMPLEX.test(name) || (!isPlain(text) && (MARK.test(text) || COMPLEX_TEXT.test(text)));
}

function shaper(source: FontSource): Promise<HarfBuzz> {
  if (!harfbuzz) {
    const p = source.shaper().then((module) => HarfBuzz.create(module));
    p.catch(() => {
      if (harfbuzz === p) harfbuzz = undefined;
    });
    harfbuzz = p;
  }
  return harfbuzz;
}

/**
 * The glyphs HarfBuzz gives, with each cluster's text on its first glyph in drawing order. Right-to-left
 * runs come out in visual order; their cluster texts are reversed too, so the text layer in drawing
 * order is exactly the reversed logical text (as viewers expect of visual-order right-to-left text).
 */
function shapedGlyphs(hb: HarfBuzz, name: FontName, text: string): PlacedGlyph[] {
  const chars = [...text];
  const glyphs = hb.shape(name, text);
  const starts = [...new Set(glyphs.map((g) => g.cluster))].sort((a, b) => a - b);
  const rtl = glyphs.length > 1 && glyphs[0]!.cluster > glyphs[glyphs.length - 1]!.cluster;
  return glyphs.map((g, i) => {
    let t = "";
    if (i === 0 || glyphs[i - 1]!.cluster !== g.cluster) {
      const end = starts[starts.indexOf(g.cluster) + 1] ?? chars.length;
      const cluster = chars.slice(g.cluster, end);
      t = (rtl ? cluster.reverse() : cluster).join("");
    }
    return { id: g.id, xAdvance: g.xAdvance, xOffset: g.xOffset, yOffset: g.yOffset, text: t };
  });
}

function cmapGlyphs(sfnt: SfntFont, glyphId: (cp: number) => number, text: string): PlacedGlyph[] {
  return [...text].map((c) => {
    const id = glyphId(c.codePointAt(0)!);
    return { id, xAdvance: advanceWidth(sfnt, id), xOffset: 0, yOffset: 0, text: c };
  });
}

/**
 * Loads and parses a font once per isolate (concurrent callers share the same promise; a failed load
 * is forgotten so the next call retries). Fonts are keyed by name only: every {@link FontSource} must
 * serve the same file for a name.
 */
export function loadFont(source: FontSource, name: FontName): Promise<CachedFont> {
  let entry = cache.get(name);
  if (!entry) {
    entry = source.load(name).then((bytes) => {
      const sfnt = parseSfnt(bytes);
      const glyphId = cmapOf(sfnt);
      const memo = new Map<string, PlacedGlyph[]>();
      let hb: HarfBuzz | undefined;
      let font: FontkitFont | undefined;
      const prepare = async (text: string) => {
        if (hb || !isShaped(name, text)) return;
        const [shaping, fk] = await Promise.all([shaper(source), loadFontkit()]);
        font ??= fk.create(bytes);
        hb = shaping;
      };
      const layout = (text: string): PlacedGlyph[] => {
        let run = memo.get(text);
        if (!run) {
          if (isShaped(name, text)) {
            if (!hb) throw new Error(`layout of ${name} text before prepare()`);
            hb.addFont(name, bytes);
            run = shapedGlyphs(hb, name, text);
          } else run = cmapGlyphs(sfnt, glyphId, text);
          if (memo.size >= LAYOUT_MEMO_SIZE) memo.clear();
          memo.set(text, run);
        }
        return run;
      };
      return {
        bytes,
        sfnt,
        glyphId,
        get font(): FontkitFont {
          if (!font) throw new Error(`${name}: outlines before prepare() of a shaped text`);
          return font;
        },
        prepare,
        layout,
      };
    });
    entry.catch(() => cache.delete(name));
    cache.set(name, entry);
  }
  return entry;
}

const clearHooks: (() => void)[] = [];

/** Registers a cache of data derived from the fonts, dropped by {@link clearFontCache}. */
export function onFontCacheClear(hook: () => void): void {
  clearHooks.push(hook);
}

/** Drops every cached font and everything derived from them (tests and memory measurements). */
export function clearFontCache(): void {
  cache.clear();
  harfbuzz = undefined;
  for (const hook of clearHooks) hook();
}
