/**
 * Module-level font cache: each font file is loaded once per isolate and parsed once with fontkit (tens
 * of ms for the 6 MB Noto Sans KR), for layout and metrics; font-embed.ts subsets the raw bytes itself.
 */
import fontkit from "@pdf-lib/fontkit";
import type { FontName, FontSource } from "./types";

export type FontkitFont = ReturnType<typeof fontkit.create>;

export interface CachedFont {
  bytes: Uint8Array;
  font: FontkitFont;
}

const cache = new Map<FontName, Promise<CachedFont>>();

type LayoutFn = FontkitFont["layout"];
const MARK = /\p{M}/u;
const LAYOUT_MEMO_SIZE = 256;

/**
 * Replaces `font.layout` (called for every text drawn and measured) with a faster, memoized one. Only the
 * glyph ids and advances of a layout are used (GPOS positions are ignored, as pdf-lib did), so full OpenType
 * shaping (the bulk of render time) is needed only where glyph substitution matters: Arabic joining
 * forms and right-to-left reordering (Arabic and Hebrew fonts), and combining-mark sequences. Everything
 * else (Latin, Greek, Cyrillic, precomposed Vietnamese after NFC, Hangul syllables, Han, kana) maps
 * one code point to one glyph through the cmap; this also keeps ligatures out, so text extracts as typed.
 */
function useFastLayout(font: FontkitFont, name: FontName): void {
  const shape = font.layout.bind(font) as LayoutFn;
  const alwaysShape = alwaysShapes(name);
  const memo = new Map<string, ReturnType<LayoutFn>>();
  const layout = (text: string, ...rest: unknown[]) => {
    if (typeof text !== "string" || rest.some((r) => typeof r === "string")) return (shape as Function)(text, ...rest);
    let run = memo.get(text);
    if (!run) {
      run =
        alwaysShape || MARK.test(text)
          ? shape(text, rest[0] as Parameters<LayoutFn>[1])
          : ({ glyphs: font.glyphsForString(text) } as unknown as ReturnType<LayoutFn>);
      if (memo.size >= LAYOUT_MEMO_SIZE) memo.clear();
      memo.set(text, run);
    }
    return run;
  };
  font.layout = layout as LayoutFn;
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
      const font = fontkit.create(bytes);
      useFastLayout(font, name);
      return { bytes, font };
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
  for (const hook of clearHooks) hook();
}

/** Whether {@link loadFont}'s layout shapes `text` (glyphs may then not map one-to-one to code points). */
export function isShaped(name: FontName, text: string): boolean {
  return alwaysShapes(name) || MARK.test(text);
}

function alwaysShapes(name: FontName): boolean {
  return name.startsWith("NotoSansArabic") || name.startsWith("NotoSansHebrew");
}
