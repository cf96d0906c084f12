/**
 * The build's prepared base fonts and brand images (prepared-font.ts, png-image.ts) change nothing in
 * the output: a certificate rendered from them is byte-identical to one rendered from the font files
 * and PNGs alone, whether its texts stay within the prepared base, need more glyphs of a base font,
 * another font, or shaping. And prepared data made from another file are never used silently.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { clearFontCache } from "../../src/adapters/pdf/fonts";
import { BRAND_BOXES } from "../../src/adapters/pdf/layout";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { PREPARED_FONTS, prepareFont } from "../../src/adapters/pdf/prepare-font";
import { pngDecodes, preparePngImage } from "../../src/adapters/pdf/png-image";
import { renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import type { CertificatePdfInput, FontName, FontSource } from "../../src/adapters/pdf/types";
import { sampleInput } from "../support/pdf-tools";

const plain = nodeFontSource();
const brandFile = (n: string) => new Uint8Array(readFileSync(`brand/placeholder/${n}.png`));
const brand = { logo: brandFile("logo"), emblem: brandFile("emblem"), signature: brandFile("signature") };
let prepared: FontSource;
let preparedBrand: CertificatePdfInput["preparedBrand"];
const loads: FontName[] = [];

beforeAll(async () => {
  const files = new Map<FontName, Uint8Array>();
  for (const name of PREPARED_FONTS) files.set(name, await prepareFont(plain, name));
  clearFontCache();
  prepared = {
    load: (name) => (loads.push(name), plain.load(name)),
    shaper: () => plain.shaper(),
    prepared: async (name) => files.get(name),
  };
  const [logo, emblem, signature] = await Promise.all(
    (["logo", "emblem", "signature"] as const).map((n) => preparePngImage(brand[n], BRAND_BOXES[n])),
  );
  preparedBrand = { logo, emblem, signature };
});

/** Renders `input` from a clean isolate state, from the plain files and then from the prepared ones. */
async function both(input: CertificatePdfInput): Promise<[Uint8Array, Uint8Array]> {
  clearFontCache();
  const a = await renderCertificatePdf({ ...input, brand }, plain);
  clearFontCache();
  loads.length = 0;
  const b = await renderCertificatePdf({ ...input, brand, preparedBrand }, prepared);
  return [a, b];
}

describe("prepared fonts and brand images", () => {
  it("a Latin certificate: same bytes, and no font file is read nor PNG decoded at all", async () => {
    clearFontCache();
    const decoded = pngDecodes();
    const [a, b] = await both(sampleInput({ recipientName: "Nguyễn Thị Minh Khai" }));
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(loads).toEqual([]);
    expect(pngDecodes()).toBe(decoded + 3); // (the plain render's three, none for the prepared one)
  });

  it("names beyond the base (Greek in Noto Sans, Hangul, Arabic shaped, a combining mark): same bytes", async () => {
    for (const [name, language] of [
      ["Ελένη Παπαδοπούλου", "en"],
      ["김민준", "ko"],
      ["محمد الأحمد", "en"],
      ["Zoe\u0331 Smith", "en"],
    ] as const) {
      const [a, b] = await both(sampleInput({ recipientName: name, language }));
      expect(Buffer.from(b).equals(Buffer.from(a)), name).toBe(true);
      expect(loads.length, name).toBeGreaterThan(0);
    }
  });

  it("a prepared image made from another PNG is not used (the PNG itself is decoded)", async () => {
    clearFontCache();
    const a = await renderCertificatePdf({ ...sampleInput(), brand }, plain);
    const swapped = { logo: preparedBrand!.signature, emblem: preparedBrand!.logo, signature: preparedBrand!.emblem };
    clearFontCache();
    const decoded = pngDecodes();
    const b = await renderCertificatePdf({ ...sampleInput(), brand, preparedBrand: swapped }, prepared);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    expect(pngDecodes()).toBe(decoded + 3);
  });

  it("a prepared image of the same PNG made for another box, or in the previous format, is not used", async () => {
    clearFontCache();
    const a = await renderCertificatePdf({ ...sampleInput(), brand }, plain);
    // The logo prepared for the emblem's box: same PNG, other samples.
    const otherBox = await preparePngImage(brand.logo, BRAND_BOXES.emblem);
    // Format 2 (before downscaling): the header without box and sample size, the full-size streams.
    const n = new DataView(preparedBrand!.logo!.buffer, preparedBrand!.logo!.byteOffset).getUint32(0);
    const head = JSON.parse(new TextDecoder().decode(preparedBrand!.logo!.subarray(4, 4 + n))) as Record<
      string,
      unknown
    >;
    const v2Head = new TextEncoder().encode(JSON.stringify({ ...head, v: 2, box: undefined }));
    const v2 = new Uint8Array(4 + v2Head.length + preparedBrand!.logo!.length - 4 - n);
    new DataView(v2.buffer).setUint32(0, v2Head.length);
    v2.set(v2Head, 4);
    v2.set(preparedBrand!.logo!.subarray(4 + n), 4 + v2Head.length);
    for (const [label, logo] of [
      ["another box", otherBox],
      ["format 2", v2],
    ] as const) {
      clearFontCache();
      const decoded = pngDecodes();
      const b = await renderCertificatePdf(
        { ...sampleInput(), brand, preparedBrand: { ...preparedBrand, logo } },
        prepared,
      );
      expect(Buffer.from(b).equals(Buffer.from(a)), label).toBe(true);
      expect(pngDecodes(), label).toBe(decoded + 1);
    }
  });

  it("prepared fonts in another format (assets of another version) are ignored: same bytes", async () => {
    clearFontCache();
    const a = await renderCertificatePdf({ ...sampleInput(), brand }, plain);
    clearFontCache();
    const stale: FontSource = { ...plain, prepared: async () => new Uint8Array([0, 0, 0, 2, 0x7b, 0x7d]) };
    const b = await renderCertificatePdf({ ...sampleInput(), brand }, stale);
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it("prepared fonts made from another font file fail loudly once the file is needed", async () => {
    const wrong = await prepareFont(plain, "NotoSans-Regular");
    clearFontCache();
    const mixed: FontSource = { ...prepared, prepared: async (n) => (n === "NotoSans-Bold" ? wrong : undefined) };
    await expect(renderCertificatePdf(sampleInput({ recipientName: "Ελένη" }), mixed)).rejects.toThrow(/another file/);
    clearFontCache();
  });
});
