/**
 * Embedded fonts for the PDF writer: text measurement (the same arithmetic as pdf-lib's PDFFont), text
 * encoding to CIDs, and the font objects (Type0 / CIDFontType2 / FontDescriptor / FontFile2 / ToUnicode).
 *
 * Each CID stands for one (glyph, Unicode text) pair, so ToUnicode is exact even when several code points
 * share a glyph. The fonts of the fixed texts (Noto Serif Bold, Noto Sans Regular and Bold) have a
 * "base" subset covering Latin (ASCII, Latin-1, Latin Extended-A, Ə/ə, Ș/Ț, Vietnamese) plus typographic
 * punctuation, built and compressed once: at build time where the font source offers it prepared
 * (prepared-font.ts; then text within the base needs neither the font file nor fontkit nor HarfBuzz),
 * else once per isolate. A certificate whose texts stay within it costs no subsetting or font
 * compression at all. Other glyphs get CIDs after the base ones and the font is rebuilt with them
 * (small and fast, see sfnt.ts), cached per distinct glyph set; the font file is loaded for them then.
 */
import { num } from "./pdf-writer";
import { type CachedFont, type PlacedGlyph, isShaped, loadFont, onFontCacheClear } from "./fonts";
import { type BuiltFont, buildSubset, subsetTag } from "./font-subset";
import {
  BASE_CODE_POINTS,
  BASE_FONTS,
  type BaseSubset,
  type FaceMetrics,
  type PreparedFont,
  decodePreparedFont,
  fontKey,
} from "./prepared-font";
import { type SfntFont, advanceWidth } from "./sfnt";
import { sfntMetrics } from "./sfnt-tables";
import type { FontName, FontSource } from "./types";

/** What text layout needs from a font (the subset of pdf-lib's PDFFont used by text.ts). */
export interface TextMeasure {
  widthOfTextAtSize(text: string, size: number): number;
  heightAtSize(size: number, options?: { descender?: boolean }): number;
}

/** The font file, parsed: needed for text outside the prepared base, shaping and other subsets. */
interface FullFont {
  cached: CachedFont;
  sfnt: SfntFont;
}

/** A loaded font: metrics, layout and subsetting (one per font name per isolate). */
export class FontFace implements TextMeasure {
  readonly scale: number;
  readonly metrics: FaceMetrics;
  base: BaseSubset | undefined;
  private readonly built = new Map<string, BuiltFont>();
  private full: FullFont | undefined;
  private loading: Promise<FullFont> | undefined;

  private constructor(
    readonly name: FontName,
    private readonly source: FontSource,
    full: CachedFont | undefined,
    private readonly prepared: PreparedFont | undefined,
  ) {
    if (full) this.full = { cached: full, sfnt: full.sfnt };
    this.metrics = prepared ? prepared.metrics : sfntMetrics(full!.sfnt);
    this.scale = 1000 / this.metrics.unitsPerEm;
    this.base = prepared ? prepared.base : BASE_FONTS.has(name) ? this.buildBase() : undefined;
  }

  /** A face built from the font file (its base subset, for the base fonts, built here). */
  static fromFont(name: FontName, source: FontSource, cached: CachedFont): FontFace {
    return new FontFace(name, source, cached, undefined);
  }

  /** A face from the build's prepared data: the font file is loaded only for text outside it. */
  static fromPrepared(name: FontName, source: FontSource, prepared: PreparedFont): FontFace {
    return new FontFace(name, source, undefined, prepared);
  }

  /** Whether the prepared data lay out `text` alone (every code point in its cmap, nothing to shape). */
  private preparedCovers(text: string): boolean {
    const cmap = this.prepared?.cmap;
    if (!cmap || isShaped(this.name, text)) return false;
    for (const c of text) if (!cmap.has(c.codePointAt(0)!)) return false;
    return true;
  }

  /** Makes {@link layout} (and what uses it) ready for `text` and any part of it. */
  async ready(text: string): Promise<void> {
    if (!this.full && this.preparedCovers(text)) return;
    const full = this.full ?? (await this.loadFull());
    await full.cached.prepare(text);
  }

  private loadFull(): Promise<FullFont> {
    this.loading ??= loadFont(this.source, this.name).then(async (cached) => {
      if (this.prepared && (await fontKey(cached.bytes)) !== this.prepared.ttf)
        throw new Error(`font ${this.name}: the prepared data were made from another file (rebuild the assets)`);
      this.full ??= { cached, sfnt: cached.sfnt };
      return this.full;
    });
    this.loading.catch(() => (this.loading = undefined));
    return this.loading;
  }

  private need(): FullFont {
    if (!this.full) throw new Error(`font ${this.name}: used before ready()`);
    return this.full;
  }

  /** Glyphs of `text`, shaped where the script needs it (see fonts.ts), each with the text it stands for. */
  layout(text: string): PlacedGlyph[] {
    if (this.full) return this.full.cached.layout(text);
    if (!this.preparedCovers(text)) throw new Error(`font ${this.name}: used before ready()`);
    return [...text].map((c) => {
      const g = this.prepared!.cmap.get(c.codePointAt(0)!)!;
      return { id: g.id, xAdvance: g.xAdvance, xOffset: 0, yOffset: 0, text: c };
    });
  }

  /** The glyph id of a code point (the font must be ready for it). */
  glyphId(codePoint: number): number {
    if (this.full) return this.full.cached.glyphId(codePoint);
    return this.layout(String.fromCodePoint(codePoint))[0]!.id;
  }

  /** Path operators filling glyph `gid`'s outline at `size` with its origin at (`x`, `y`); "" for an empty glyph. */
  outline(gid: number, x: number, y: number, size: number): string {
    const font = this.need().cached.font;
    const k = size / font.unitsPerEm;
    const P = (px: number, py: number) => `${num(x + px * k)} ${num(y + py * k)}`;
    let ops = "";
    let cx = 0;
    let cy = 0;
    const path = font.getGlyph(gid).path as unknown as { commands: { command: string; args: number[] }[] };
    for (const { command, args: a } of path.commands) {
      if (command === "moveTo") ops += `${P(a[0]!, a[1]!)} m\n`;
      else if (command === "lineTo") ops += `${P(a[0]!, a[1]!)} l\n`;
      else if (command === "quadraticCurveTo") {
        // A quadratic Bézier as the equivalent cubic (PDF paths have only cubics, ISO 32000-2 §8.5.2.2).
        const [qx, qy, ex, ey] = a as [number, number, number, number];
        ops += `${P(cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy))} ${P(ex + (2 / 3) * (qx - ex), ey + (2 / 3) * (qy - ey))} ${P(ex, ey)} c\n`;
      } else if (command === "bezierCurveTo") ops += `${P(a[0]!, a[1]!)} ${P(a[2]!, a[3]!)} ${P(a[4]!, a[5]!)} c\n`;
      else if (command === "closePath") ops += "h\n";
      if (a.length >= 2) [cx, cy] = [a[a.length - 2]!, a[a.length - 1]!];
    }
    return ops ? `${ops}f\n` : "";
  }

  /** The advance the embedded font's /W array gives a glyph (1000 units per em). */
  pdfAdvance(gid: number): number {
    const units = this.full ? advanceWidth(this.full.sfnt, gid) : this.prepared!.advances.get(gid);
    if (units === undefined) throw new Error(`font ${this.name}: glyph ${gid} used before ready()`);
    return units * this.scale;
  }

  widthOfTextAtSize(text: string, size: number): number {
    let total = 0;
    for (const g of this.layout(text)) total += g.xAdvance * this.scale;
    return total * (size / 1000);
  }

  heightAtSize(size: number, options: { descender?: boolean } = {}): number {
    const { descender = true } = options;
    const { ascent, descent, bboxMinY, bboxMaxY } = this.metrics;
    const yTop = (ascent || bboxMaxY) * this.scale;
    const yBottom = (descent || bboxMinY) * this.scale;
    let height = yTop - yBottom;
    if (!descender) height -= Math.abs(descent) || 0;
    return (height / 1000) * size;
  }

  private buildBase(): BaseSubset {
    const { glyphId } = this.need().cached;
    const order = [0];
    const unicode = [""];
    const cids = new Map<string, number>();
    for (const cp of BASE_CODE_POINTS) {
      const gid = glyphId(cp);
      if (gid === 0) continue;
      const u = String.fromCodePoint(cp);
      cids.set(`${gid}|${u}`, order.length);
      order.push(gid);
      unicode.push(u);
    }
    const { order: final, built } = this.build(order, unicode, subsetTag(this.name));
    while (unicode.length < final.length) unicode.push("");
    return { cids, order: final, unicode, built };
  }

  /** The font built for a given glyph order (cached by `key`, at most 32 per font). */
  subset(order: number[], unicode: string[], widths: (number | undefined)[], key: string): BuiltFont {
    let b = this.built.get(key);
    if (!b) {
      b = this.build(order, unicode, subsetTag(`${this.name}|${key}`), widths).built;
      if (this.built.size >= 32) this.built.delete(this.built.keys().next().value!);
      this.built.set(key, b);
    }
    return b;
  }

  /** Builds a subset; `cidWidths[cid]`, where given, overrides the glyph's own advance (shaped widths). */
  private build(
    order: number[],
    unicode: string[],
    tag: string,
    cidWidths: (number | undefined)[] = [],
  ): { order: number[]; built: BuiltFont } {
    return buildSubset(this.need().sfnt, this.scale, `${tag}+${this.name}`, order, unicode, cidWidths);
  }

  /** The /FontDescriptor entries besides /FontName and /FontFile2 (as pdf-lib writes them). */
  descriptorEntries(): string {
    return this.metrics.descriptor;
  }
}

function preparedOrUndefined(bytes: Uint8Array): PreparedFont | undefined {
  try {
    return decodePreparedFont(bytes);
  } catch {
    return undefined;
  }
}

const faces = new Map<FontName, Promise<FontFace>>();
onFontCacheClear(() => faces.clear());

/**
 * The {@link FontFace} of a font, built once per isolate: from the source's prepared data where it
 * has them, else from the font file. Call {@link FontFace.ready} before laying out a text.
 */
export function loadFace(source: FontSource, name: FontName): Promise<FontFace> {
  let f = faces.get(name);
  if (!f) {
    f = (async () => {
      const bytes = await source.prepared?.(name);
      // Prepared data of another format (assets built by another version) are ignored, not fatal.
      const prepared = bytes ? preparedOrUndefined(bytes) : undefined;
      if (prepared) return FontFace.fromPrepared(name, source, prepared);
      return FontFace.fromFont(name, source, await loadFont(source, name));
    })();
    f.catch(() => faces.delete(name));
    faces.set(name, f);
  }
  return f;
}
