/**
 * Every script a participant may write their name in: the name is accepted, laid out without a
 * missing glyph, extracts from the PDF as typed (pdf.js), and leaves ink in the name's box when the
 * page is rasterized; complex scripts are shaped exactly as an independent HarfBuzz build does.
 */
import { describe, expect, it } from "vitest";
import { loadFace } from "../../src/adapters/pdf/font-embed";
import { HarfBuzz } from "../../src/adapters/pdf/harfbuzz";
import { checkRenderableName } from "../../src/adapters/pdf/names";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { NAME_BOX, PAGE_SIZE, renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import type { FontName } from "../../src/adapters/pdf/types";
import { SLOW } from "../support/fast-check-setup";
import { pdfToText, rasterize, sampleInput } from "../support/pdf-tools";
import { oneNamePerScript, worldNames } from "../support/world-names";
import vectors from "../vectors/shaping/hb-shape.json";

const fonts = nodeFontSource();
const DPI = 100;

/** Dark pixels (luminance < 50 %) inside the name's box on the rasterized page. */
async function inkInNameBox(pdf: Uint8Array): Promise<number> {
  const { data, width } = await rasterize(pdf, DPI);
  const k = DPI / 72;
  const [x0, x1] = [NAME_BOX.cx - NAME_BOX.width / 2, NAME_BOX.cx + NAME_BOX.width / 2].map((v) => Math.round(v * k));
  const [y0, y1] = [PAGE_SIZE[1] - NAME_BOX.bottom - NAME_BOX.height, PAGE_SIZE[1] - NAME_BOX.bottom].map((v) =>
    Math.round(v * k),
  );
  let dark = 0;
  for (let y = y0!; y < y1!; y++)
    for (let x = x0!; x < x1!; x++) {
      const i = (y * width + x) * 4;
      if (0.3 * data[i]! + 0.59 * data[i + 1]! + 0.11 * data[i + 2]! < 128) dark++;
    }
  return dark;
}

/** Glyph ids the name's runs lay out to (0 is .notdef, the "missing glyph" box). */
async function glyphIds(name: string): Promise<number[]> {
  const check = checkRenderableName(name);
  if (!check.ok) throw new Error(`${name}: ${check.reason}`);
  const ids: number[] = [];
  for (const run of check.runs) {
    const face = await loadFace(fonts, run.font);
    await face.ready(run.text);
    for (const g of face.layout(run.text)) ids.push(g.id);
  }
  return ids;
}

describe("a name in every supported script", () => {
  // A ZWJ selects the Sinhala rakaransaya (ප්‍ර) and must survive into the text layer (pdf.js drops a glyph
  // whose text ends in a format character).
  const zwj = { script: "Sinhala with ZWJ", name: "කසුන් ප්\u200Dරනාන්දු" };
  it.each([...oneNamePerScript(), zwj].map(({ script, name }) => [script, name]))(
    "%s: %s extracts as typed and has ink in its box",
    async (_, name) => {
      expect(await glyphIds(name!)).not.toContain(0);
      const pdf = await renderCertificatePdf(sampleInput({ recipientName: name }), fonts);
      expect((await pdfToText(pdf)).split("\n")).toContain(name);
      // A line of text at 24–38 pt leaves thousands of dark pixels at 100 dpi; an empty box none.
      expect(await inkInNameBox(pdf)).toBeGreaterThan(500);
    },
  );

  it("the ZWJ reaches the shaper: ප්‍ර is drawn as a conjunct, not as ප් and ර", async () => {
    expect(await glyphIds("ප්\u200Dර")).not.toEqual(await glyphIds("ප්ර"));
  });

  it("the empty box has no ink (the ink check can fail)", async () => {
    const pdf = await renderCertificatePdf(sampleInput({ recipientName: "." }), fonts);
    expect(await inkInNameBox(pdf)).toBeLessThan(200);
  });
});

describe("shaping matches hb-shape (HarfBuzz 6.0.0, Debian) glyph for glyph", () => {
  it.each(vectors.cases.map((c) => [c.font, c.text, c]))("%s: %s", async (font, text, c) => {
    const check = checkRenderableName(text as string);
    expect(check.ok && check.runs).toEqual([{ text, font }]);
    const hb = await HarfBuzz.create(await fonts.shaper());
    hb.addFont(font as string, await fonts.load(font as FontName));
    const glyphs = hb.shape(font as string, text as string);
    expect(glyphs.map((g) => [g.id, g.cluster, g.xAdvance, g.xOffset, g.yOffset])).toEqual(
      (c as (typeof vectors.cases)[number]).glyphs,
    );
  });
});

describe("300 names from 20 scripts", () => {
  const names = worldNames();

  it("are 300 distinct names, 15 in each of 20 scripts", () => {
    expect(new Set(names.map((n) => n.name)).size).toBe(300);
    expect(new Set(names.map((n) => n.script)).size).toBe(20);
  });

  it("are all accepted and laid out without a missing glyph", async () => {
    const refused = names.filter(({ name }) => !checkRenderableName(name).ok);
    expect(refused).toEqual([]);
    for (const { name } of names) expect(await glyphIds(name), name).not.toContain(0);
  });

  it.skipIf(!SLOW)("all render, and each extracts as typed (WEGO_SLOW)", async () => {
    for (const { name } of names) {
      const pdf = await renderCertificatePdf(sampleInput({ recipientName: name }), fonts);
      expect((await pdfToText(pdf)).split("\n"), name).toContain(name);
    }
  });
});

describe("names that still cannot print", () => {
  it.each([
    ["Tenzin བསྟན་འཛིན", /Tibetan script/],
    ["ᠪᠠᠲᠤ", /Mongolian script/],
    ["Ann 🙂", /emoji/],
  ])("%s is refused naming %s, without code points", (name, reason) => {
    const r = checkRenderableName(name);
    expect(r).toMatchObject({ ok: false, code: "unsupported-characters" });
    expect(r.ok ? "" : r.reason).toMatch(reason);
    expect(r.ok ? "" : r.reason).not.toMatch(/U\+/);
  });
});
