/**
 * The renderer reads cmaps, advances and descriptor numbers from the font tables itself
 * (src/adapters/pdf/sfnt-tables.ts) instead of through fontkit: for every bundled font, the same
 * glyph ids, advances and descriptor as fontkit gives (fontkit's numbers with pdf-lib's arithmetic,
 * as the renderer used them before).
 */
import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import FONT_FILES from "../../src/adapters/pdf/font-files.json";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { num } from "../../src/adapters/pdf/pdf-number";
import { advanceWidth, parseSfnt } from "../../src/adapters/pdf/sfnt";
import { cmapOf, sfntMetrics } from "../../src/adapters/pdf/sfnt-tables";
import type { FontName } from "../../src/adapters/pdf/types";

type Fk = {
  unitsPerEm: number;
  italicAngle: number;
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  "OS/2"?: { sFamilyClass: number };
  post: { isFixedPitch: number };
  head: { macStyle: { italic: boolean } };
  characterSet: number[];
  glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
};

/** The descriptor as the renderer computed it from fontkit before (pdf-lib's CustomFontEmbedder). */
function fontkitDescriptor(f: Fk): string {
  const s = 1000 / f.unitsPerEm;
  const familyClass = f["OS/2"] ? f["OS/2"].sFamilyClass : 0;
  let flags = 4;
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

const fonts = nodeFontSource();

describe("sfnt-tables: cmap, advances and descriptor equal fontkit's", () => {
  for (const name of Object.keys(FONT_FILES) as FontName[])
    it(name, async () => {
      const bytes = await fonts.load(name);
      const fk = fontkit.create(bytes) as unknown as Fk;
      const sfnt = parseSfnt(bytes);
      const m = sfntMetrics(sfnt);
      expect(m.descriptor).toBe(fontkitDescriptor(fk));
      expect([m.unitsPerEm, m.ascent, m.descent, m.bboxMinY, m.bboxMaxY]).toEqual([
        fk.unitsPerEm,
        fk.ascent,
        fk.descent,
        fk.bbox.minY,
        fk.bbox.maxY,
      ]);
      const glyphId = cmapOf(sfnt);
      // Every 5th mapped code point, its neighbours (often unmapped), and the Latin range.
      const set = fk.characterSet.filter((_, i) => i % 5 === 0);
      const probe = [...new Set([...set, ...set.map((c) => c + 1), ...Array.from({ length: 0x250 }, (_, i) => i)])];
      // (fontkit itself throws on a few unmapped code points of one font: those are left out.)
      const answered = probe.flatMap((cp) => {
        try {
          const g = fk.glyphForCodePoint(cp);
          return [[cp, g.id, g.advanceWidth]];
        } catch {
          return [];
        }
      });
      expect(answered.length).toBeGreaterThan(probe.length * 0.99);
      expect(answered.map(([cp]) => [cp, glyphId(cp!), advanceWidth(sfnt, glyphId(cp!))])).toEqual(answered);
    });
});
