/**
 * One embedded font as one document uses it: the CIDs handed out (each one glyph, one text, one width),
 * text-showing operators for plain and shaped text, and the font objects written to the file.
 */
import type { FontFace } from "./font-embed";
import type { BuiltFont } from "./font-subset";
import type { PlacedGlyph } from "./fonts";
import { cidHex, name as pdfName, num, ref, type PdfWriter } from "./pdf-writer";

/** A format character (ZWJ, ZWNJ…): pdf.js drops from its text layer any glyph whose text ends in one. */
const FORMAT = /\p{Cf}/u;

/**
 * The texts the glyphs of each cluster stand for (indexed by the cluster's first glyph): one character
 * each, except that a format character is carried onto the start of the next text in drawing order
 * (pdf.js's getCharUnicodeCategory makes a text ending in \p{Cf} an invisible mark and skips it), so
 * the ZWJ of Sinhala ප්‍ර stays in the text layer. The concatenation, in drawing order, is unchanged.
 */
function glyphTexts(glyphs: PlacedGlyph[]): string[][] {
  const pieces: string[][] = glyphs.map(() => []);
  let pending = "";
  let from = 0; // the cluster a pending format character comes from
  glyphs.forEach((g, n) => {
    for (const c of g.text) {
      if (pending === "") from = n;
      pending += c;
      if (!FORMAT.test(c)) {
        pieces[n]!.push(pending);
        pending = "";
      }
    }
  });
  // A format character that ends the run has nothing to ride on: it keeps its own glyph.
  if (pending !== "") pieces[from]!.push(pending);
  return pieces;
}

/** One font as used by one document: CIDs handed out so far, and its resource name. */
export class FontUse {
  private readonly extraCids = new Map<string, number>();
  private readonly extraOrder: number[] = [];
  private readonly extraUnicode: string[] = [];
  /** Widths of the extra CIDs (1000 units per em): a shaped glyph's advance, which may differ from its own. */
  private readonly extraWidths: number[] = [];

  constructor(
    readonly face: FontFace,
    readonly resource: string,
  ) {}

  /** Whether the document needs glyphs outside the base subset. */
  get hasExtras(): boolean {
    return this.extraOrder.length > 0;
  }

  /**
   * The CID for a glyph standing for `g.text` with advance `width` (1000 units per em): each CID has one
   * glyph, one text and one width, so shaped advances need no positioning operators.
   */
  private cid(g: PlacedGlyph, width: number): number {
    const w = num(width);
    const base = this.face.base;
    const own = num(this.face.pdfAdvance(g.id));
    const key = `${g.id}|${g.text}|${w}`;
    let cid = (w === own ? base?.cids.get(`${g.id}|${g.text}`) : undefined) ?? this.extraCids.get(key);
    if (cid === undefined) {
      cid = (base ? base.order.length : 1) + this.extraOrder.length;
      this.extraCids.set(key, cid);
      this.extraOrder.push(g.id);
      this.extraUnicode.push(g.text);
      this.extraWidths.push(Number(w));
    }
    return cid;
  }

  /** The hex CID string of `text` for a `Tj` operator (each glyph with its shaped advance). */
  encode(text: string): string {
    let hex = "";
    for (const g of this.face.layout(text)) hex += cidHex(this.cid(g, g.xAdvance * this.face.scale));
    return hex;
  }

  /**
   * Draws `text` at `size` with its origin at (`x`, `y`). `text` holds the operators for inside
   * `BT`…`ET`, `paths` those for after it (with the fill colour set). Text needing no shaping is one
   * `Tj` (each CID has its glyph's shaped advance as width). In shaped text each cluster (a base with
   * its marks, a conjunct, a reordered vowel) is drawn as: its first glyph that shaping leaves in
   * place, standing for the cluster's first character, with the rest of the cluster's advance as width; one invisible zero-width glyph (the
   * font's empty space glyph) for each further character; and the cluster's other glyphs filled as
   * outlines at their shaped places. So the text layer is exactly the text, one character per glyph
   * (readers such as pdf.js give any glyph whose text holds a nonspacing mark no width), in one run on
   * one baseline, and no glyph reads as a stray character.
   */
  show(text: string, size: number, x: number, y: number): { text: string; paths: string } {
    const glyphs = this.face.layout(text);
    const s = this.face.scale;
    const k = size / 1000;
    const at = `1 0 0 1 ${num(x)} ${num(y)} Tm\n`;
    if (glyphs.every((g) => [...g.text].length === 1 && !FORMAT.test(g.text) && g.xOffset === 0 && g.yOffset === 0)) {
      let hex = "";
      for (const g of glyphs) hex += cidHex(this.cid(g, g.xAdvance * s));
      return { text: `${at}<${hex}> Tj\n`, paths: "" };
    }
    const blank = this.face.glyphId(0x20);
    const pieces = glyphTexts(glyphs);
    let flow = "";
    let paths = "";
    let pen = 0;
    let cursor = 0; // where the text position is, 1000 units per em from the origin
    for (let i = 0; i < glyphs.length;) {
      let j = i + 1;
      while (j < glyphs.length && glyphs[j]!.text === "") j++;
      let clusterAdvance = 0;
      for (let n = i; n < j; n++) clusterAdvance += glyphs[n]!.xAdvance * s;
      // The carrier: the cluster's first glyph that shaping does not move off its place, if any.
      let c = i;
      while (c < j && (glyphs[c]!.xOffset !== 0 || glyphs[c]!.yOffset !== 0)) c++;
      if (c === j) c = i;
      const [head = "", ...rest] = pieces[i]!;
      let p = pen;
      for (let n = i; n < j; n++) {
        const g = glyphs[n]!;
        if (n === c) {
          const gx = p + g.xOffset * s;
          if (Math.abs(gx - cursor) > 0.001) flow += ` ${num(cursor - gx)}`;
          let cids = `<${cidHex(this.cid({ ...g, text: head }, pen + clusterAdvance - gx))}`;
          for (const ch of rest) cids += cidHex(this.cid({ ...g, id: blank, text: ch }, 0));
          flow += g.yOffset !== 0 ? ` ] TJ\n${num(g.yOffset * s * k)} Ts\n[${cids}>] TJ\n0 Ts\n[` : ` ${cids}>`;
        } else paths += this.face.outline(g.id, x + (p + g.xOffset * s) * k, y + g.yOffset * s * k, size);
        p += g.xAdvance * s;
      }
      cursor = pen + clusterAdvance;
      pen += clusterAdvance;
      i = j;
    }
    return { text: `${at}[${flow.trim()}] TJ\n`, paths };
  }

  /** Writes the font's objects; returns the Type0 font's object number. */
  write(w: PdfWriter): number {
    const base = this.face.base;
    let built: BuiltFont;
    if (base && !this.hasExtras) built = base.built;
    else {
      const order = [...(base?.order ?? [0]), ...this.extraOrder];
      const unicode = [...(base?.unicode ?? [""]), ...this.extraUnicode];
      const widths = [...new Array<undefined>(base?.order.length ?? 1), ...this.extraWidths];
      const key = this.extraOrder.map((g, i) => `${g}|${this.extraUnicode[i]}|${this.extraWidths[i]}`).join(",");
      built = this.face.subset(order, unicode, widths, key);
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
