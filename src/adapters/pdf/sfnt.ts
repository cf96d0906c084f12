/**
 * A small, fast TrueType (glyf) subsetter for PDF embedding (FontFile2 of a CIDFontType2 font with
 * CIDToGIDMap /Identity). It reads the raw tables once per font and per call copies only the glyph
 * records asked for, in the order asked for (new glyph id = index in that order), so one original glyph
 * may appear twice (the PDF then gives each copy its own ToUnicode entry). Components of composite
 * glyphs are appended and renumbered. Output tables: glyf, head, hhea, hmtx, loca (long), maxp, and
 * cvt/fpgm/prep when present: what a PDF viewer needs (no cmap: CIDs address glyphs directly).
 */

/** Raw tables of one TrueType font, parsed once. */
export interface SfntFont {
  numGlyphs: number;
  unitsPerEm: number;
  tables: Map<string, Uint8Array>;
  loca: Uint32Array;
  numberOfHMetrics: number;
}

const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 8) & 0xff;
  b[o + 1] = v & 0xff;
}
function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 24) & 0xff;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

/** Parses the table directory, loca and the metrics header of a TrueType (not CFF, not collection) font. */
export function parseSfnt(bytes: Uint8Array): SfntFont {
  const version = u32(bytes, 0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new Error("not a TrueType font");
  const tables = new Map<string, Uint8Array>();
  const count = u16(bytes, 4);
  for (let i = 0; i < count; i++) {
    const r = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[r]!, bytes[r + 1]!, bytes[r + 2]!, bytes[r + 3]!);
    const offset = u32(bytes, r + 8);
    const length = u32(bytes, r + 12);
    tables.set(tag, bytes.subarray(offset, offset + length));
  }
  const need = (tag: string) => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return t;
  };
  const head = need("head");
  const maxp = need("maxp");
  const hhea = need("hhea");
  const rawLoca = need("loca");
  need("glyf");
  need("hmtx");
  const numGlyphs = u16(maxp, 4);
  const long = u16(head, 50) === 1;
  const loca = new Uint32Array(numGlyphs + 1);
  for (let i = 0; i <= numGlyphs; i++) loca[i] = long ? u32(rawLoca, 4 * i) : u16(rawLoca, 2 * i) * 2;
  return { numGlyphs, unitsPerEm: u16(head, 18), tables, loca, numberOfHMetrics: u16(hhea, 34) };
}

/** The glyph record of `gid` (empty for glyphs without outline). */
function glyphRecord(font: SfntFont, gid: number): Uint8Array {
  if (gid < 0 || gid >= font.numGlyphs) return new Uint8Array(0);
  return font.tables.get("glyf")!.subarray(font.loca[gid]!, font.loca[gid + 1]!);
}

/** Advance width of `gid`, in font units. */
export function advanceWidth(font: SfntFont, gid: number): number {
  return metrics(font, gid)[0];
}

/** Advance width and left side bearing of `gid`, in font units. */
function metrics(font: SfntFont, gid: number): [number, number] {
  const hmtx = font.tables.get("hmtx")!;
  const n = font.numberOfHMetrics;
  if (gid < n) return [u16(hmtx, 4 * gid), u16(hmtx, 4 * gid + 2)];
  return [u16(hmtx, 4 * (n - 1)), u16(hmtx, 4 * n + 2 * (gid - n))];
}

/** Offsets of the glyph-index fields of a composite glyph record. */
function componentOffsets(rec: Uint8Array): number[] {
  const out: number[] = [];
  if (rec.length < 10 || (rec[0]! & 0x80) === 0) return out; // numberOfContours >= 0: simple glyph
  let o = 10;
  for (;;) {
    if (o + 4 > rec.length) break;
    const flags = u16(rec, o);
    out.push(o + 2);
    o += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) o += 2;
    else if (flags & 0x0040) o += 4;
    else if (flags & 0x0080) o += 8;
    if (!(flags & 0x0020)) break;
  }
  return out;
}

function checksum(b: Uint8Array): number {
  let sum = 0;
  const n = b.length & ~3;
  for (let i = 0; i < n; i += 4) sum = (sum + u32(b, i)) >>> 0;
  if (n < b.length) {
    const tail = new Uint8Array(4);
    tail.set(b.subarray(n));
    sum = (sum + u32(tail, 0)) >>> 0;
  }
  return sum;
}

/**
 * Builds a TrueType font holding `order[i]` as glyph `i` (`order[0]` should be 0, .notdef). Returns the
 * font bytes and the final order (with appended composite components).
 */
export function subsetSfnt(font: SfntFont, order: readonly number[]): { bytes: Uint8Array; order: number[] } {
  const glyphs = [...order];
  const records: Uint8Array[] = [];
  const firstCopy = new Map<number, number>();
  for (let i = 0; i < glyphs.length; i++) {
    const gid = glyphs[i]!;
    if (!firstCopy.has(gid)) firstCopy.set(gid, i);
    let rec = glyphRecord(font, gid);
    const offsets = componentOffsets(rec);
    if (offsets.length > 0) {
      rec = rec.slice();
      for (const o of offsets) {
        const component = u16(rec, o);
        let index = firstCopy.get(component);
        if (index === undefined) {
          index = glyphs.length;
          glyphs.push(component);
          firstCopy.set(component, index);
        }
        put16(rec, o, index);
      }
    }
    records.push(rec);
  }
  const n = glyphs.length;
  if (n > 0xffff) throw new Error("too many glyphs");

  let glyfLength = 0;
  for (const r of records) glyfLength += (r.length + 3) & ~3;
  const glyf = new Uint8Array(glyfLength);
  const loca = new Uint8Array(4 * (n + 1));
  const hmtx = new Uint8Array(4 * n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    put32(loca, 4 * i, at);
    glyf.set(records[i]!, at);
    at += (records[i]!.length + 3) & ~3;
    const [advance, lsb] = metrics(font, glyphs[i]!);
    put16(hmtx, 4 * i, advance);
    put16(hmtx, 4 * i + 2, lsb);
  }
  put32(loca, 4 * n, at);

  const head = font.tables.get("head")!.slice();
  put32(head, 8, 0); // checkSumAdjustment, set below
  put16(head, 50, 1); // long loca
  const hhea = font.tables.get("hhea")!.slice();
  put16(hhea, 34, n);
  const maxp = font.tables.get("maxp")!.slice();
  put16(maxp, 4, n);

  const out: [string, Uint8Array][] = [
    ["glyf", glyf],
    ["head", head],
    ["hhea", hhea],
    ["hmtx", hmtx],
    ["loca", loca],
    ["maxp", maxp],
  ];
  for (const tag of ["cvt ", "fpgm", "prep"]) {
    const t = font.tables.get(tag);
    if (t) out.push([tag, t]);
  }
  out.sort((a, b) => (a[0] < b[0] ? -1 : 1));

  const numTables = out.length;
  let size = 12 + 16 * numTables;
  for (const [, t] of out) size += (t.length + 3) & ~3;
  const bytes = new Uint8Array(size);
  put32(bytes, 0, 0x00010000);
  put16(bytes, 4, numTables);
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  put16(bytes, 6, 16 << entrySelector);
  put16(bytes, 8, entrySelector);
  put16(bytes, 10, numTables * 16 - (16 << entrySelector));
  let offset = 12 + 16 * numTables;
  let headOffset = 0;
  out.forEach(([tag, t], i) => {
    const r = 12 + 16 * i;
    for (let k = 0; k < 4; k++) bytes[r + k] = tag.charCodeAt(k);
    put32(bytes, r + 4, checksum(t));
    put32(bytes, r + 8, offset);
    put32(bytes, r + 12, t.length);
    bytes.set(t, offset);
    if (tag === "head") headOffset = offset;
    offset += (t.length + 3) & ~3;
  });
  put32(bytes, headOffset + 8, (0xb1b0afba - checksum(bytes)) >>> 0);
  return { bytes, order: glyphs };
}
