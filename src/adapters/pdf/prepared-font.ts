/**
 * A font's data prepared at build time (scripts/prepare-fonts.mjs → `assets/fonts/<FontName>.prepared`):
 * the metrics the layout needs, the cmap and advances of the base code points, and the base subset
 * already built and compressed (font-embed.ts). A certificate whose texts stay within the base
 * code points is then drawn without fetching or parsing the font file, without fontkit and without
 * HarfBuzz; the output is byte-identical to building the same data from the font at run time.
 *
 * Layout: a big-endian u32 length, that many bytes of JSON, then the subset's FontFile2 and
 * ToUnicode streams (lengths in the JSON).
 */
import type { BuiltFont } from "./font-subset";
import type { FontName } from "./types";

/** The fonts with a base subset (those of the fixed texts and of most names), and so a prepared form. */
export const BASE_FONTS: ReadonlySet<FontName> = new Set<FontName>([
  "NotoSerif-Bold",
  "NotoSans-Regular",
  "NotoSans-Bold",
]);

/** The numbers the layout and the font descriptor need (font units, except `descriptor`). */
export interface FaceMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  bboxMinY: number;
  bboxMaxY: number;
  /** The /FontDescriptor entries besides /FontName and /FontFile2 (as pdf-lib writes them). */
  descriptor: string;
}

/** A base subset: CIDs for (glyph, text) keys, and the built font. */
export interface BaseSubset {
  cids: Map<string, number>;
  order: number[];
  unicode: string[];
  built: BuiltFont;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
/** Code points of the base subsets: Latin (ASCII, Latin-1, Latin Extended-A, Ə/ə, Ș/Ț, Vietnamese) and typographic punctuation. */
export const BASE_CODE_POINTS: readonly number[] = [
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

/** Everything a {@link FontFace} needs for text within the base code points. */
export interface PreparedFont {
  /** Hex SHA-256 of the font file it was made from. */
  ttf: string;
  metrics: FaceMetrics;
  /** Code point → glyph id and advance (font units), for the base code points the font has. */
  cmap: Map<number, { id: number; xAdvance: number }>;
  /** Glyph id → advance in the hmtx table (font units), for every glyph of the base subset. */
  advances: Map<number, number>;
  base: BaseSubset;
}

const VERSION = 2;

/** Hex SHA-256 of a font file (identifies the file a prepared font was made from; native, so cheap). */
export async function fontKey(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** Serializes a prepared font (build time). */
export function encodePreparedFont(p: PreparedFont): Uint8Array {
  const { built } = p.base;
  const head = new TextEncoder().encode(
    JSON.stringify({
      v: VERSION,
      ttf: p.ttf,
      metrics: p.metrics,
      cmap: [...p.cmap].map(([cp, g]) => [cp, g.id, g.xAdvance]),
      advances: [...p.advances],
      base: {
        cids: [...p.base.cids],
        order: p.base.order,
        unicode: p.base.unicode,
        baseFont: built.baseFont,
        length1: built.length1,
        widths: built.widths,
        fontFile: built.fontFile.length,
        toUnicode: built.toUnicode.length,
      },
    }),
  );
  const out = new Uint8Array(4 + head.length + built.fontFile.length + built.toUnicode.length);
  new DataView(out.buffer).setUint32(0, head.length);
  out.set(head, 4);
  out.set(built.fontFile, 4 + head.length);
  out.set(built.toUnicode, 4 + head.length + built.fontFile.length);
  return out;
}

/** Reads a prepared font; throws on anything but this module's own output. */
export function decodePreparedFont(bytes: Uint8Array): PreparedFont {
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const j = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + n))) as {
    v: number;
    ttf: string;
    metrics: FaceMetrics;
    cmap: [number, number, number][];
    advances: [number, number][];
    base: {
      cids: [string, number][];
      order: number[];
      unicode: string[];
      baseFont: string;
      length1: number;
      widths: string;
      fontFile: number;
      toUnicode: number;
    };
  };
  const b = j.base;
  if (j.v !== VERSION || 4 + n + b.fontFile + b.toUnicode !== bytes.length) throw new Error("not a prepared font");
  const fontFile = bytes.slice(4 + n, 4 + n + b.fontFile);
  const toUnicode = bytes.slice(4 + n + b.fontFile);
  return {
    ttf: j.ttf,
    metrics: j.metrics,
    cmap: new Map(j.cmap.map(([cp, id, xAdvance]) => [cp, { id, xAdvance }])),
    advances: new Map(j.advances),
    base: {
      cids: new Map(b.cids),
      order: b.order,
      unicode: b.unicode,
      built: { baseFont: b.baseFont, fontFile, length1: b.length1, toUnicode, widths: b.widths },
    },
  };
}
