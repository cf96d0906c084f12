/**
 * Embedded fonts for the PDF writer: text measurement (the same arithmetic as pdf-lib's PDFFont), text
 * encoding to CIDs, and the font objects (Type0 / CIDFontType2 / FontDescriptor / FontFile2 / ToUnicode).
 *
 * Each CID stands for one (glyph, Unicode text) pair, so ToUnicode is exact even when several code points
 * share a glyph. The two fonts of the fixed texts (Noto Serif Bold, Noto Sans) have a per-isolate "base"
 * subset covering Latin (ASCII, Latin-1, Latin Extended-A, Ə/ə, Ș/Ț, Vietnamese) plus typographic
 * punctuation, pre-built and pre-compressed once: a certificate whose texts stay within it costs no
 * subsetting or font compression at all. Other glyphs get CIDs after the base ones and the font is
 * rebuilt with them (small and fast, see sfnt.ts), cached per distinct glyph set.
 */
import { num } from "./pdf-writer";
import { type CachedFont, type FontkitFont, type PlacedGlyph, loadFont, onFontCacheClear } from "./fonts";
import { type BuiltFont, buildSubset, subsetTag } from "./font-subset";
import { type SfntFont, advanceWidth, parseSfnt } from "./sfnt";
import type { FontName, FontSource } from "./types";

/** What text layout needs from a font (the subset of pdf-lib's PDFFont used by text.ts). */
export interface TextMeasure {
  widthOfTextAtSize(text: string, size: number): number;
  heightAtSize(size: number, options?: { descender?: boolean }): number;
}

/** A base subset: CIDs for (glyph, text) keys, and the built font. */
interface BaseSubset {
  cids: Map<string, number>;
  order: number[];
  unicode: string[];
  built: BuiltFont;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
/** Code points of the base subsets (fonts of the fixed texts and of most names). */
const BASE_CODE_POINTS = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0x17f),
  0x18f,
  0x1a0,
  0x1a1,
  0x1af,
  0x1b0,
  ...range(0x218, 0x21b),
  0x259,
  ...range(0x1ea0, 0x1ef9),
  ...range(0x2013, 0x2014),
  ...range(0x2018, 0x201a),
  ...range(0x201c, 0x201e),
  0x2022,
  0x2026,
  0x20ac,
];
const BASE_FONTS = new Set<FontName>(["NotoSerif-Bold", "NotoSans-Regular", "NotoSans-Bold"]);

/** A loaded font: metrics, layout and subsetting (one per font name per isolate). */
export class FontFace implements TextMeasure {
  readonly scale: number;
  private readonly sfnt: SfntFont;
  base: BaseSubset | undefined;
  private readonly built = new Map<string, BuiltFont>();

  readonly font: FontkitFont;

  constructor(
    readonly name: FontName,
    private readonly cached: CachedFont,
  ) {
    this.font = cached.font;
    this.scale = 1000 / this.font.unitsPerEm;
    this.sfnt = parseSfnt(cached.bytes);
    if (BASE_FONTS.has(name)) this.base = this.buildBase();
  }

  /** Glyphs of `text`, shaped where the script needs it (see fonts.ts), each with the text it stands for. */
  layout(text: string): PlacedGlyph[] {
    return this.cached.layout(text);
  }

  /** Path operators filling glyph `gid`'s outline at `size` with its origin at (`x`, `y`); "" for an empty glyph. */
  outline(gid: number, x: number, y: number, size: number): string {
    const k = size / this.font.unitsPerEm;
    const P = (px: number, py: number) => `${num(x + px * k)} ${num(y + py * k)}`;
    let ops = "";
    let cx = 0;
    let cy = 0;
    const path = this.font.getGlyph(gid).path as unknown as { commands: { command: string; args: number[] }[] };
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
    return advanceWidth(this.sfnt, gid) * this.scale;
  }

  widthOfTextAtSize(text: string, size: number): number {
    let total = 0;
    for (const g of this.layout(text)) total += g.xAdvance * this.scale;
    return total * (size / 1000);
  }

  heightAtSize(size: number, options: { descender?: boolean } = {}): number {
    const { descender = true } = options;
    const { ascent, descent, bbox } = this.font;
    const yTop = (ascent || bbox.maxY) * this.scale;
    const yBottom = (descent || bbox.minY) * this.scale;
    let height = yTop - yBottom;
    if (!descender) height -= Math.abs(descent) || 0;
    return (height / 1000) * size;
  }

  private buildBase(): BaseSubset {
    const order = [0];
    const unicode = [""];
    const cids = new Map<string, number>();
    for (const cp of BASE_CODE_POINTS) {
      if (!this.font.hasGlyphForCodePoint(cp)) continue;
      const gid = this.font.glyphForCodePoint(cp).id;
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
    return buildSubset(this.sfnt, this.scale, `${tag}+${this.name}`, order, unicode, cidWidths);
  }

  /** The /FontDescriptor entries besides /FontName and /FontFile2 (as pdf-lib writes them). */
  descriptorEntries(): string {
    const f = this.font as unknown as {
      italicAngle: number;
      ascent: number;
      descent: number;
      capHeight: number;
      xHeight: number;
      bbox: { minX: number; minY: number; maxX: number; maxY: number };
      "OS/2"?: { sFamilyClass: number };
      post: { isFixedPitch: number };
      head: { macStyle: { italic: boolean } };
    };
    const s = this.scale;
    const familyClass = f["OS/2"] ? f["OS/2"].sFamilyClass : 0;
    let flags = 4; // symbolic
    if (f.post.isFixedPitch) flags |= 1;
    if (familyClass >= 1 && familyClass <= 7) flags |= 2;
    if (familyClass === 10) flags |= 8;
    if (f.head.macStyle.italic) flags |= 64;
    const { minX, minY, maxX, maxY } = f.bbox;
    return (
      ` /Flags ${flags} /FontBBox [${[minX, minY, maxX, maxY].map((v) => num(v * s)).join(" ")}]` +
      ` /ItalicAngle ${num(f.italicAngle)} /Ascent ${num(f.ascent * s)} /Descent ${num(f.descent * s)}` +
      ` /CapHeight ${num((f.capHeight || f.ascent) * s)} /XHeight ${num((f.xHeight || 0) * s)} /StemV 0`
    );
  }
}

const faces = new Map<FontName, Promise<FontFace>>();
onFontCacheClear(() => faces.clear());

/** The {@link FontFace} of a font, built once per isolate. */
export function loadFace(source: FontSource, name: FontName): Promise<FontFace> {
  let f = faces.get(name);
  if (!f) {
    f = loadFont(source, name).then((cached) => new FontFace(name, cached));
    f.catch(() => faces.delete(name));
    faces.set(name, f);
  }
  return f;
}
