/**
 * The certificate picture (og:image): 1200×630 PNG, drawn from the signed facts with the brand
 * files, names in their own script shaped by resvg. Renders are saved under test-results/previews/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { nodeBrandSource } from "../../../src/adapters/brand/brand-directory";
import { nodeFontSource } from "../../../src/adapters/pdf/node-font-source";
import { certificatePreviewSvg, PREVIEW_SIZE } from "../../../src/adapters/preview/certificate-svg";
import { createRasterizer } from "../../../src/adapters/preview/rasterize";
import type { SignedFacts } from "../../../src/domain/signed-facts";
import { pngSize } from "../../../src/lib/brand-image";

const require = createRequire(import.meta.url);
const rasterize = createRasterizer(() => readFile(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
const fonts = nodeFontSource();
const brand = nodeBrandSource("brand/placeholder");
const OUT = "test-results/previews";

function facts(participant: string): SignedFacts {
  return {
    participant,
    achievementId: "champions-2023-workshop-baku",
    achievementName: "WeGO Sustainable Smart City Champions 2023: Baku workshop",
    themes: [],
    issuerId: "did:web:certificates.we-gov.org",
    issuerName: "World Smart Sustainable Cities Organization (WeGO)",
    official: "Park Jung Sook, Secretary General",
    validFrom: "2023-10-01T00:00:00Z",
  };
}

async function render(name: string, file: string, font: Parameters<typeof fonts.load>[0], direction: "ltr" | "rtl") {
  const image = async (n: "logo" | "emblem" | "signature") => {
    const info = (await brand.manifest()).assets[n];
    return { png: await brand.load(n, "png"), width: info.width, height: info.height };
  };
  const svg = certificatePreviewSvg({
    facts: facts(name),
    verifyAt: "certificates.we-gov.org/c/AbCdEfGhIjKlMnOpQrStUv",
    issuedOn: "1 October 2023",
    logo: await image("logo"),
    emblem: await image("emblem"),
    signature: await image("signature"),
    direction,
  });
  const png = await rasterize(
    svg,
    await Promise.all(["NotoSerif-Bold", "NotoSans-Regular", font].map((f) => fonts.load(f as never))),
  );
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, file), png);
  return png;
}

/** Dark pixels in a horizontal band of the picture (the name's line): ink, not an empty box. */
async function inkInBand(png: Uint8Array, top: number, bottom: number): Promise<number> {
  const img = await loadImage(Buffer.from(png));
  const canvas = createCanvas(img.width, img.height);
  const g = canvas.getContext("2d");
  g.drawImage(img, 0, 0);
  const data = g.getImageData(0, top, img.width, bottom - top).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++;
  return dark;
}

describe("certificate picture (og:image)", () => {
  it.each([
    ["Ləman Əliyeva", "latin.png", "NotoSans-Regular", "ltr"],
    ["김민준", "hangul.png", "NotoSansKR-Bold", "ltr"],
    ["ليلى عبد الله", "arabic.png", "NotoSansArabic-Bold", "rtl"],
  ] as const)("draws %s at 1200×630 with the name in ink", async (name, file, font, direction) => {
    const png = await render(name, file, font, direction);
    expect(pngSize(png)).toEqual(PREVIEW_SIZE);
    // The name's band (y 230–320) holds glyphs: a missing font would leave it blank.
    expect(await inkInBand(png, 230, 320)).toBeGreaterThan(2000);
  });

  it("escapes the name as XML text", () => {
    const svg = certificatePreviewSvg({
      facts: facts('<script>"x"</script> & Co'),
      verifyAt: "x/c/y",
      issuedOn: "1 October 2023",
      logo: { png: new Uint8Array([1]), width: 2, height: 1 },
      emblem: { png: new Uint8Array([1]), width: 1, height: 1 },
      signature: { png: new Uint8Array([1]), width: 3, height: 1 },
      direction: "ltr",
    });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&#60;script&#62;&#34;x&#34;&#60;/script&#62; &#38; Co");
  });
});
