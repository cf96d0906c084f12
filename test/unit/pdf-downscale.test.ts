/**
 * Brand images are kept at 300 dpi of the box they are drawn in (downscale.ts, png-image.ts): a box
 * filter that averages colour premultiplied by alpha, so the printed page keeps its tones and no
 * transparent pixel's hidden colour shows at a logo's edge.
 */
import { readFileSync } from "node:fs";
import { PngEmbedder } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { downscaleRgba, targetPixels } from "../../src/adapters/pdf/downscale";
import { BRAND_BOXES } from "../../src/adapters/pdf/layout";
import { renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { sampleInput } from "../support/pdf-tools";

const names = ["logo", "emblem", "signature"] as const;
const brandFile = (n: string) => new Uint8Array(readFileSync(`brand/placeholder/${n}.png`));

interface Decoded {
  width: number;
  height: number;
  rgbChannel: Uint8Array;
  alphaChannel?: Uint8Array;
}
async function decode(png: Uint8Array): Promise<Decoded> {
  return ((await PngEmbedder.for(png)) as unknown as { image: Decoded }).image;
}

/** Mean of the premultiplied colour channels and of alpha, each 0–255. */
function means(rgb: Uint8Array, alpha: Uint8Array | undefined, n: number): number[] {
  const sum = [0, 0, 0, 0];
  for (let p = 0; p < n; p++) {
    const a = alpha ? alpha[p]! / 255 : 1;
    for (let c = 0; c < 3; c++) sum[c]! += rgb[p * 3 + c]! * a;
    sum[3]! += a * 255;
  }
  return sum.map((s) => s / n);
}

describe("targetPixels", () => {
  it("gives 300 dpi of the drawn size: the placeholder logo 1200×360 in 230×52 pt is drawn 173×52 pt", () => {
    // 52 pt = 0.722 in → 216.7 px at 300 dpi; the width follows the aspect ratio.
    expect(targetPixels(1200, 360, BRAND_BOXES.logo)).toEqual([723, 217]);
    expect(targetPixels(600, 600, BRAND_BOXES.emblem)).toEqual([384, 384]);
  });

  it("never enlarges: an image already at or below 300 dpi keeps its size", () => {
    expect(targetPixels(300, 90, BRAND_BOXES.logo)).toEqual([300, 90]);
    expect(targetPixels(1, 1, BRAND_BOXES.emblem)).toEqual([1, 1]);
  });
});

describe("downscaleRgba", () => {
  it("2×2 to 1×1: a transparent pixel's colour does not bleed in, alpha is the mean", () => {
    const rgb = new Uint8Array([255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 255]);
    const alpha = new Uint8Array([0, 255, 255, 255]);
    const out = downscaleRgba(rgb, alpha, 2, 2, 1, 1);
    expect([...out.rgb]).toEqual([0, 0, 255]);
    expect([...out.alpha!]).toEqual([191]);
  });

  it("without alpha: plain averages, and a uniform image stays uniform at a non-integer ratio", () => {
    const out = downscaleRgba(new Uint8Array([0, 0, 0, 200, 100, 50]), undefined, 2, 1, 1, 1);
    expect([...out.rgb]).toEqual([100, 50, 25]);
    expect(out.alpha).toBeUndefined();
    const flat = downscaleRgba(new Uint8Array(7 * 5 * 3).fill(137), new Uint8Array(35).fill(90), 7, 5, 3, 2);
    expect(new Set(flat.rgb)).toEqual(new Set([137]));
    expect(new Set(flat.alpha)).toEqual(new Set([90]));
  });

  it("matches a direct 2-D area average on random images at non-integer ratios (±1 level)", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 0xff;
    for (const [w, h, tw, th] of [
      [7, 5, 3, 2],
      [13, 1, 4, 1],
      [1, 9, 1, 4],
      [10, 10, 3, 7],
      [31, 17, 30, 16],
    ] as const) {
      const rgb = Uint8Array.from({ length: w * h * 3 }, rand);
      const alpha = Uint8Array.from({ length: w * h }, rand);
      const out = downscaleRgba(rgb, alpha, w, h, tw, th);
      for (let y = 0; y < th; y++)
        for (let x = 0; x < tw; x++) {
          // The destination pixel's footprint in source pixels, and each source pixel's overlap area.
          const [x0, x1, y0, y1] = [(x * w) / tw, ((x + 1) * w) / tw, (y * h) / th, ((y + 1) * h) / th];
          const sum = [0, 0, 0, 0];
          for (let sy = Math.floor(y0); sy < y1; sy++)
            for (let sx = Math.floor(x0); sx < x1; sx++) {
              const area = (Math.min(sx + 1, x1) - Math.max(sx, x0)) * (Math.min(sy + 1, y1) - Math.max(sy, y0));
              const p = sy * w + sx;
              const a = alpha[p]! / 255;
              for (let c = 0; c < 3; c++) sum[c]! += rgb[p * 3 + c]! * a * area;
              sum[3]! += a * area;
            }
          const q = y * tw + x;
          const where = `${w}×${h}→${tw}×${th} at ${x},${y}`;
          expect(Math.abs(out.alpha![q]! - (sum[3]! * 255) / ((x1 - x0) * (y1 - y0))), where).toBeLessThanOrEqual(1);
          for (let c = 0; c < 3; c++)
            expect(Math.abs(out.rgb[q * 3 + c]! - sum[c]! / sum[3]!), `${where} channel ${c}`).toBeLessThanOrEqual(1);
        }
    }
  });

  it.each(names)("the placeholder %s keeps its mean colour and coverage (area average)", async (name) => {
    const png = await decode(brandFile(name));
    const [tw, th] = targetPixels(png.width, png.height, BRAND_BOXES[name]);
    expect(tw).toBeLessThan(png.width);
    const out = downscaleRgba(png.rgbChannel, png.alphaChannel, png.width, png.height, tw, th);
    expect(out.rgb.length).toBe(tw * th * 3);
    const before = means(png.rgbChannel, png.alphaChannel, png.width * png.height);
    const after = means(out.rgb, out.alpha, tw * th);
    // Rounding to bytes moves each mean by well under one level.
    for (let c = 0; c < 4; c++) expect(Math.abs(after[c]! - before[c]!), `channel ${c}`).toBeLessThan(0.75);
  });
});

describe("the certificate PDF", () => {
  it("embeds each brand image at 300 dpi of its box, not at the file's size", async () => {
    const brand = Object.fromEntries(names.map((n) => [n, brandFile(n)]));
    const pdf = await renderCertificatePdf({ ...sampleInput(), brand }, nodeFontSource());
    const text = Buffer.from(pdf).toString("latin1");
    const colour = [
      ...text.matchAll(/\/Width (\d+) \/Height (\d+) \/BitsPerComponent 8 \/ColorSpace \/DeviceRGB/g),
    ].map((m) => `${m[1]}×${m[2]}`);
    const expected = await Promise.all(
      names.map(async (n) => {
        const { width, height } = await decode(brand[n]!);
        return targetPixels(width, height, BRAND_BOXES[n]).join("×");
      }),
    );
    expect(colour.sort()).toEqual(expected.sort());
  });
});
