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
import { deflate, name as pdfName, num, ref, type PdfWriter } from "./pdf-writer";
import { type FontkitFont, isShaped, loadFont, onFontCacheClear } from "./fonts";
import { type SfntFont, advanceWidth, parseSfnt, subsetSfnt } from "./sfnt";
import type { FontName, FontSource } from "./types";

interface LayoutGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** What text layout needs from a font (the subset of pdf-lib's PDFFont used by text.ts). */
export interface TextMeasure {
  widthOfTextAtSize(text: string, size: number): number;
  heightAtSize(size: number, options?: { descender?: boolean }): number;
}

/** A prepared, immutable font subset: the bytes of its objects, ready to write. */
interface BuiltFont {
  baseFont: string;
  /** Compressed FontFile2 and its uncompressed length. */
  fontFile: Uint8Array;
  length1: number;
  toUnicode: Uint8Array;
  widths: string;
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
const BASE_FONTS = new Set<FontName>(["NotoSerif-Bold", "NotoSans-Regular"]);

/** A six-capital-letter subset tag derived from a string (stable across runs). */
function subsetTag(key: string): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  let tag = "";
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26);
  }
  return tag;
}

function utf16Hex(s: string): string {
  let hex = "";
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return hex;
}

function cidHex(cid: number): string {
  return cid.toString(16).toUpperCase().padStart(4, "0");
}

/** A loaded font: metrics, layout and subsetting (one per font name per isolate). */
export class FontFace implements TextMeasure {
  readonly scale: number;
  private readonly sfnt: SfntFont;
  base: BaseSubset | undefined;
  private readonly built = new Map<string, BuiltFont>();

  constructor(
    readonly name: FontName,
    readonly font: FontkitFont,
    bytes: Uint8Array,
  ) {
    this.scale = 1000 / font.unitsPerEm;
    this.sfnt = parseSfnt(bytes);
    if (BASE_FONTS.has(name)) this.base = this.buildBase();
  }

  /** Glyphs of `text` with the Unicode text each stands for (layout as pdf-lib does it, see fonts.ts). */
  layout(text: string): { glyphs: LayoutGlyph[]; unicode: string[] } {
    const glyphs = this.font.layout(text).glyphs as unknown as LayoutGlyph[];
    const chars = [...text];
    const unicode =
      !isShaped(this.name, text) && chars.length === glyphs.length
        ? chars
        : glyphs.map((g) => String.fromCodePoint(...(g.codePoints ?? [])));
    return { glyphs, unicode };
  }

  widthOfTextAtSize(text: string, size: number): number {
    const { glyphs } = this.font.layout(text) as unknown as { glyphs: LayoutGlyph[] };
    let total = 0;
    for (const g of glyphs) total += g.advanceWidth * this.scale;
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
  subset(order: number[], unicode: string[], key: string): BuiltFont {
    let b = this.built.get(key);
    if (!b) {
      b = this.build(order, unicode, subsetTag(`${this.name}|${key}`)).built;
      if (this.built.size >= 32) this.built.delete(this.built.keys().next().value!);
      this.built.set(key, b);
    }
    return b;
  }

  private build(order: number[], unicode: string[], tag: string): { order: number[]; built: BuiltFont } {
    const sub = subsetSfnt(this.sfnt, order);
    const widths = sub.order.slice(1).map((gid) => num(advanceWidth(this.sfnt, gid) * this.scale));
    const bf: string[] = [];
    for (let cid = 1; cid < unicode.length; cid++)
      if (unicode[cid]) bf.push(`<${cidHex(cid)}> <${utf16Hex(unicode[cid]!)}>`);
    let cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (let i = 0; i < bf.length; i += 100) {
      const chunk = bf.slice(i, i + 100);
      cmap += `${chunk.length} beginbfchar\n${chunk.join("\n")}\nendbfchar\n`;
    }
    cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
    const built: BuiltFont = {
      baseFont: `${tag}+${this.name}`,
      fontFile: deflate(sub.bytes),
      length1: sub.bytes.length,
      toUnicode: deflate(new TextEncoder().encode(cmap)),
      widths: `[1 [${widths.join(" ")}]]`,
    };
    return { order: sub.order, built };
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
    f = loadFont(source, name).then(({ bytes, font }) => new FontFace(name, font, bytes));
    f.catch(() => faces.delete(name));
    faces.set(name, f);
  }
  return f;
}

/** One font as used by one document: CIDs handed out so far, and its resource name. */
export class FontUse {
  private readonly extraCids = new Map<string, number>();
  private readonly extraOrder: number[] = [];
  private readonly extraUnicode: string[] = [];

  constructor(
    readonly face: FontFace,
    readonly resource: string,
  ) {}

  /** Whether the document needs glyphs outside the base subset. */
  get hasExtras(): boolean {
    return this.extraOrder.length > 0;
  }

  /** The hex CID string of `text` for a `Tj` operator. */
  encode(text: string): string {
    const { glyphs, unicode } = this.face.layout(text);
    const base = this.face.base;
    const baseLength = base ? base.order.length : 1;
    let hex = "";
    for (let i = 0; i < glyphs.length; i++) {
      const key = `${glyphs[i]!.id}|${unicode[i]!}`;
      let cid = base?.cids.get(key) ?? this.extraCids.get(key);
      if (cid === undefined) {
        cid = baseLength + this.extraOrder.length;
        this.extraCids.set(key, cid);
        this.extraOrder.push(glyphs[i]!.id);
        this.extraUnicode.push(unicode[i]!);
      }
      hex += cidHex(cid);
    }
    return hex;
  }

  /** Writes the font's objects; returns the Type0 font's object number. */
  write(w: PdfWriter): number {
    const base = this.face.base;
    let built: BuiltFont;
    if (base && !this.hasExtras) built = base.built;
    else {
      const order = [...(base?.order ?? [0]), ...this.extraOrder];
      const unicode = [...(base?.unicode ?? [""]), ...this.extraUnicode];
      const key = this.extraOrder.map((g, i) => `${g}|${this.extraUnicode[i]}`).join(",");
      built = this.face.subset(order, unicode, key);
    }
    const baseFont = pdfName(built.baseFont);
    const type0 = w.alloc();
    const cidFont = w.alloc();
    const descriptor = w.alloc();
    const fontFile = w.alloc();
    const toUnicode = w.alloc();
    w.set(
      type0,
      `<< /Type /Font /Subtype /Type0 /BaseFont ${baseFont} /Encoding /Identity-H /DescendantFonts [${ref(cidFont)}] /ToUnicode ${ref(toUnicode)} >>`,
    );
    w.set(
      cidFont,
      `<< /Type /Font /Subtype /CIDFontType2 /CIDToGIDMap /Identity /BaseFont ${baseFont}` +
        ` /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${ref(descriptor)}` +
        ` /W ${built.widths} >>`,
    );
    w.set(
      descriptor,
      `<< /Type /FontDescriptor /FontName ${baseFont}${this.face.descriptorEntries()} /FontFile2 ${ref(fontFile)} >>`,
    );
    w.setStream(fontFile, ` /Length1 ${built.length1} /Filter /FlateDecode`, built.fontFile);
    w.setStream(toUnicode, " /Filter /FlateDecode", built.toUnicode);
    return type0;
  }
}
