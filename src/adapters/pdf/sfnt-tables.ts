/**
 * What the layout needs from a TrueType font besides its glyphs: the cmap (OpenType `cmap` formats 4
 * and 12) and the header numbers of the font descriptor, read straight from the tables that
 * sfnt.ts located. Text that needs no shaping (Latin, Greek, Cyrillic, Hangul, Han, kana…) is thus
 * laid out without fontkit, whose module start-up and font parsing cost most of a new isolate's
 * first Korean PDF; fontkit is loaded only to draw shaped glyphs as outlines (fonts.ts). The
 * results equal fontkit's (test/unit/pdf-sfnt-tables.test.ts compares every font).
 */
import { num } from "./pdf-number";
import type { FaceMetrics } from "./prepared-font";
import type { SfntFont } from "./sfnt";

const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const i16 = (b: Uint8Array, o: number) => (u16(b, o) << 16) >> 16;
const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

/** The subtables fontkit prefers, best first: (platform, encoding). */
const PREFERRED: [number, number][] = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

/** Code point → glyph id (0 when the font has none), from the best Unicode subtable of `cmap`. */
export function cmapOf(font: SfntFont): (codePoint: number) => number {
  const cmap = font.tables.get("cmap");
  if (!cmap) throw new Error("font has no cmap table");
  const records = new Map<string, number>();
  for (let i = 0, n = u16(cmap, 2); i < n; i++) {
    const r = 4 + 8 * i;
    const key = `${u16(cmap, r)},${u16(cmap, r + 2)}`;
    if (!records.has(key)) records.set(key, u32(cmap, r + 4));
  }
  const offset = PREFERRED.map(([p, e]) => records.get(`${p},${e}`)).find((o) => o !== undefined);
  if (offset === undefined) throw new Error("font has no Unicode cmap");
  const t = cmap.subarray(offset);
  const format = u16(t, 0);
  if (format === 4) return format4(t);
  if (format === 12) return format12(t);
  throw new Error(`cmap format ${format} is not supported`);
}

function format4(t: Uint8Array): (cp: number) => number {
  const segCount = u16(t, 6) / 2;
  const ends = 14;
  const starts = ends + 2 * segCount + 2;
  const deltas = starts + 2 * segCount;
  const ranges = deltas + 2 * segCount;
  return (cp) => {
    if (cp > 0xffff) return 0;
    let lo = 0;
    let hi = segCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp > u16(t, ends + 2 * mid)) lo = mid + 1;
      else if (cp < u16(t, starts + 2 * mid)) hi = mid - 1;
      else {
        const delta = u16(t, deltas + 2 * mid);
        const rangeOffset = u16(t, ranges + 2 * mid);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const at = ranges + 2 * mid + rangeOffset + 2 * (cp - u16(t, starts + 2 * mid));
        if (at + 1 >= t.length) return 0;
        const gid = u16(t, at);
        return gid === 0 ? 0 : (gid + delta) & 0xffff;
      }
    }
    return 0;
  };
}

function format12(t: Uint8Array): (cp: number) => number {
  const groups = u32(t, 12);
  return (cp) => {
    let lo = 0;
    let hi = groups - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const g = 16 + 12 * mid;
      if (cp < u32(t, g)) hi = mid - 1;
      else if (cp > u32(t, g + 4)) lo = mid + 1;
      else return u32(t, g + 8) + (cp - u32(t, g));
    }
    return 0;
  };
}

/** The layout and descriptor numbers of a font (as fontkit reports them, pdf-lib's arithmetic). */
export function sfntMetrics(font: SfntFont): FaceMetrics {
  const need = (tag: string) => font.tables.get(tag) ?? new Uint8Array(0);
  const [head, hhea, post, os2] = [need("head"), need("hhea"), need("post"), font.tables.get("OS/2")];
  const unitsPerEm = u16(head, 18);
  const [minX, minY, maxX, maxY] = [i16(head, 36), i16(head, 38), i16(head, 40), i16(head, 42)];
  const ascent = i16(hhea, 4);
  const descent = i16(hhea, 6);
  const italicAngle = ((u32(post, 4) | 0) as number) / 65536;
  const os2Version = os2 ? u16(os2, 0) : 0;
  const capHeight = os2 && os2Version >= 2 ? i16(os2, 88) : ascent;
  const xHeight = os2 && os2Version >= 2 ? i16(os2, 86) : 0;
  const familyClass = os2 ? i16(os2, 30) : 0;
  const s = 1000 / unitsPerEm;
  let flags = 4; // symbolic
  if (u32(post, 12)) flags |= 1;
  if (familyClass >= 1 && familyClass <= 7) flags |= 2;
  if (familyClass === 10) flags |= 8;
  if (u16(head, 44) & 2) flags |= 64;
  const descriptor =
    ` /Flags ${flags} /FontBBox [${[minX, minY, maxX, maxY].map((v) => num(v * s)).join(" ")}]` +
    ` /ItalicAngle ${num(italicAngle)} /Ascent ${num(ascent * s)} /Descent ${num(descent * s)}` +
    ` /CapHeight ${num((capHeight || ascent) * s)} /XHeight ${num((xHeight || 0) * s)} /StemV 0`;
  return { unitsPerEm, ascent, descent, bboxMinY: minY, bboxMaxY: maxY, descriptor };
}
