/**
 * The bytes of one font subset for the PDF writer: the glyph-subsetted FontFile2 (compressed), the
 * /W widths and the ToUnicode CMap (ISO 32000-2 §9.10.3) mapping each CID to the text it stands for.
 */
import { cidHex, deflate, num } from "./pdf-writer";
import { type SfntFont, advanceWidth, subsetSfnt } from "./sfnt";

/** A prepared, immutable font subset: the bytes of its objects, ready to write. */
export interface BuiltFont {
  baseFont: string;
  /** Compressed FontFile2 and its uncompressed length. */
  fontFile: Uint8Array;
  length1: number;
  toUnicode: Uint8Array;
  widths: string;
}

/** A six-capital-letter subset tag derived from a string (stable across runs). */
export function subsetTag(key: string): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619) >>> 0;
  let tag = "";
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (h % 26));
    h = Math.floor(h / 26);
  }
  return tag;
}

/** UTF-16BE hex of a string, as a bfchar destination. */
function utf16Hex(s: string): string {
  let hex = "";
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return hex;
}

/**
 * Builds the subset of `order` (glyph ids by CID, CID 0 = .notdef) named `baseFont`; `unicode[cid]` is
 * the text of each CID and `cidWidths[cid]`, where given, overrides the glyph's own advance (shaped
 * widths). Returns the glyph order the subsetter settled on (composite glyphs add components).
 */
export function buildSubset(
  sfnt: SfntFont,
  scale: number,
  baseFont: string,
  order: number[],
  unicode: string[],
  cidWidths: (number | undefined)[] = [],
): { order: number[]; built: BuiltFont } {
  const sub = subsetSfnt(sfnt, order);
  const widths = sub.order.slice(1).map((gid, i) => num(cidWidths[i + 1] ?? advanceWidth(sfnt, gid) * scale));
  const bf: string[] = [];
  for (let cid = 1; cid < unicode.length; cid++)
    // A glyph standing for no text (a mark whose cluster text is on its base) maps to the empty
    // string: without an entry, readers take the CID itself as a character code.
    if (unicode[cid] !== undefined) bf.push(`<${cidHex(cid)}> <${utf16Hex(unicode[cid]!)}>`);
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
    baseFont,
    fontFile: deflate(sub.bytes),
    length1: sub.bytes.length,
    toUnicode: deflate(new TextEncoder().encode(cmap)),
    widths: `[1 [${widths.join(" ")}]]`,
  };
  return { order: sub.order, built };
}
