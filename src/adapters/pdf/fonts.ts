/**
 * Module-level font cache. pdf-lib parses a font again on every `embedFont` (tens of ms for the 6 MB
 * Noto Sans KR); here each font file is loaded once per isolate and parsed once with fontkit, and
 * pdf-lib is handed a fontkit facade that returns the already-parsed font for those exact bytes.
 */
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";
import type { FontName, FontSource } from "./types";

type FontkitFont = ReturnType<typeof fontkit.create>;

interface CachedFont {
  bytes: Uint8Array;
  font: FontkitFont;
}

const cache = new Map<FontName, Promise<CachedFont>>();

interface TtfSubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph(gid: number): number;
}

const patchedSubsets = new WeakSet<object>();

/**
 * Works around a fontkit 1.x subsetting bug that blanks glyphs: when the subset's glyf table is under
 * 64 KiB fontkit writes a short `loca` (offsets / 2), but copies glyph records unpadded, so every glyph
 * after an odd-length record (common in Google's Noto builds) points one byte off. Padding each record
 * to 4 bytes (as the OpenType spec recommends) fixes it. Patched once per TTFSubset prototype.
 */
function padSubsetGlyphs(font: FontkitFont): void {
  const proto = Object.getPrototypeOf(font.createSubset()) as TtfSubsetInternals | null;
  if (!proto || patchedSubsets.has(proto) || typeof proto._addGlyph !== "function") return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function (this: TtfSubsetInternals, gid: number): number {
    const index = addGlyph.call(this, gid);
    const buf = this.glyf[index];
    if (buf && buf.length % 4 !== 0) {
      // Same class as fontkit's own chunks (its Buffer polyfill), which its stream writer requires.
      const Chunk = buf.constructor as new (length: number) => Uint8Array;
      const padded = new Chunk(buf.length + 4 - (buf.length % 4));
      padded.fill(0);
      padded.set(buf);
      this.glyf[index] = padded;
      this.offset += padded.length - buf.length;
    }
    return index;
  };
  patchedSubsets.add(proto);
}
const parsedByBytes = new WeakMap<Uint8Array, FontkitFont>();

/** fontkit for `registerFontkit`: returns the cached parse for bytes this module loaded. */
const cachingFontkit = {
  create(data: Uint8Array, postscriptName?: string): FontkitFont {
    return parsedByBytes.get(data) ?? fontkit.create(data, postscriptName);
  },
};

type LayoutFn = FontkitFont["layout"];
const MARK = /\p{M}/u;
const LAYOUT_MEMO_SIZE = 256;

/**
 * Replaces `font.layout` (which pdf-lib calls for every drawText and width measurement) with a faster,
 * memoized one. pdf-lib uses only the glyph ids of a layout and ignores GPOS positions, so full OpenType
 * shaping (the bulk of render time) is needed only where glyph substitution matters: Arabic joining
 * forms and right-to-left reordering (Arabic and Hebrew fonts), and combining-mark sequences. Everything
 * else (Latin, Greek, Cyrillic, precomposed Vietnamese after NFC, Hangul syllables, Han, kana) maps
 * one code point to one glyph through the cmap; this also keeps ligatures out, so text extracts as typed.
 */
function useFastLayout(font: FontkitFont, name: FontName): void {
  const shape = font.layout.bind(font) as LayoutFn;
  const alwaysShape = name.startsWith("NotoSansArabic") || name.startsWith("NotoSansHebrew");
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
      padSubsetGlyphs(font);
      useFastLayout(font, name);
      parsedByBytes.set(bytes, font);
      return { bytes, font };
    });
    entry.catch(() => cache.delete(name));
    cache.set(name, entry);
  }
  return entry;
}

/** Drops every cached font (tests and memory measurements). */
export function clearFontCache(): void {
  cache.clear();
}

/** Prepares a document for {@link embedCachedFont}. */
export function useCachedFontkit(doc: PDFDocument): void {
  doc.registerFontkit(cachingFontkit);
}

/** A six-capital-letter subset tag derived from the font name (distinct per font, stable across runs). */
function subsetTag(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619) >>> 0;
  let tag = "";
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26);
  }
  return tag;
}

/**
 * Embeds a cached font as a subset. The base font name gets a fixed subset tag instead of pdf-lib's
 * pseudo-random suffix, which keeps output deterministic and readable.
 */
export async function embedCachedFont(doc: PDFDocument, source: FontSource, name: FontName): Promise<PDFFont> {
  const { bytes } = await loadFont(source, name);
  return doc.embedFont(bytes, { subset: true, customName: `${subsetTag(name)}+${name}` });
}
