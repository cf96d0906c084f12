/**
 * The certificate's layout as a printer and a reader see it: nothing within 10 mm of the paper's edge,
 * the three bottom blocks ending on one baseline, the programme and organisation printed once, the
 * dates labelled. Writes renders to test-results/pdf/ for people to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { BOTTOM_BASELINE, PAGE_SIZE, renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import { SEED_CATALOGUE } from "../../src/domain/catalogue";
import { KOREAN_ACHIEVEMENTS, koreanAchievement } from "../../src/domain/catalogue-ko";
import { rasterPng, rasterize, sampleInput, textRuns } from "../support/pdf-tools";

const fonts = nodeFontSource();
const OUT = "test-results/pdf";
const MM = 72 / 25.4;

/** The neutral placeholder brand set (brand/placeholder/ when present, else none). */
function placeholderBrand() {
  try {
    const read = (n: string) => new Uint8Array(readFileSync(`brand/placeholder/${n}.png`));
    return { logo: read("logo"), emblem: read("emblem"), signature: read("signature") };
  } catch {
    return undefined;
  }
}

describe("certificate layout", () => {
  const input = sampleInput({ shortCode: "WEGO-7KQ4-M2XD", brand: placeholderBrand() });

  it("leaves a 10 mm margin free of ink on every side (office printers clip up to ~6 mm)", async () => {
    const dpi = 100;
    const { data, width, height } = await rasterize(await renderCertificatePdf(input, fonts), dpi);
    const margin = Math.floor(10 * MM * (dpi / 72));
    const paper = [data[0]!, data[1]!, data[2]!];
    let inked = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        if (x >= margin && x < width - margin && y >= margin && y < height - margin) continue;
        const i = (y * width + x) * 4;
        if (
          Math.abs(data[i]! - paper[0]!) + Math.abs(data[i + 1]! - paper[1]!) + Math.abs(data[i + 2]! - paper[2]!) >
          24
        )
          inked++;
      }
    expect(inked).toBe(0);
  });

  it("ends the signature, emblem and QR blocks on one baseline", async () => {
    const pdf = await renderCertificatePdf(input, fonts);
    const runs = await textRuns(pdf);
    const at = (s: string) => runs.find((r) => r.str.includes(s))!.y;
    expect(at("Secretary General")).toBeCloseTo(BOTTOM_BASELINE, 0);
    expect(at("Certificate ID")).toBeCloseTo(BOTTOM_BASELINE, 0);
    // The QR symbol's lowest dark module row sits on the same baseline (within 1 pt).
    const dpi = 144;
    const { data, width, height } = await rasterize(pdf, dpi);
    let lowest = 0;
    // (inside the frame: above its inner rule, 46 pt from the bottom edge)
    const above = height - Math.ceil(52 * (dpi / 72));
    const inside = width - Math.ceil(60 * (dpi / 72)); // (left of the frame's corner ornaments)
    for (let y = 0; y < above; y++)
      for (let x = Math.floor(width * 0.8); x < inside; x++) if (data[(y * width + x) * 4]! < 60) lowest = y;
    expect(PAGE_SIZE[1] - (lowest + 1) * (72 / dpi)).toBeCloseTo(BOTTOM_BASELINE, -0.3);
  });

  it("labels the completion and issue dates and prints the verification code", async () => {
    const text = (await textRuns(await renderCertificatePdf(input, fonts))).map((r) => r.str);
    expect(text).toContain("Completed on 1 October 2023");
    expect(text).toContain("Issued on 27 November 2026");
    expect(text).toContain("WEGO-7KQ4-M2XD");
  });

  it("writes renders for review (workshop with the placeholder brand, online without brand files, Korean)", async () => {
    mkdirSync(OUT, { recursive: true });
    const renders: [string, Parameters<typeof sampleInput>[0]][] = [
      ["certificate-workshop-brand", { shortCode: "WEGO-7KQ4-M2XD", brand: placeholderBrand() }],
      ["certificate-online-no-brand", { recipientName: "渡辺 さくら", achievement: SEED_CATALOGUE[0]! }],
      [
        "certificate-ko",
        {
          recipientName: "김민준",
          language: "ko",
          achievement: koreanAchievement(SEED_CATALOGUE[1]!),
          shortCode: "WEGO-7KQ4-M2XD",
          brand: placeholderBrand(),
        },
      ],
    ];
    for (const [name, overrides] of renders) {
      const pdf = await renderCertificatePdf(sampleInput(overrides), fonts);
      writeFileSync(`${OUT}/${name}.pdf`, pdf);
      writeFileSync(`${OUT}/${name}.png`, await rasterPng(pdf, 100));
    }
  });

  it("prints a Korean certificate in Korean, programme texts included, from the signed English facts only", async () => {
    expect([...KOREAN_ACHIEVEMENTS].sort()).toEqual(SEED_CATALOGUE.map((a) => a.id).sort());
    const baku = SEED_CATALOGUE[1]!;
    const ko = koreanAchievement(baku);
    expect(ko.name).toBe("WeGO 지속가능 스마트시티 챔피언스 2023: 바쿠 워크숍");
    // Signed facts that differ from the catalogue entry are printed as signed, never "translated".
    expect(koreanAchievement({ ...baku, venue: "Another venue" })).toEqual({ ...baku, venue: "Another venue" });
    const text = (
      await textRuns(
        await renderCertificatePdf(sampleInput({ recipientName: "김민준", language: "ko", achievement: ko }), fonts),
      )
    ).map((r) => r.str);
    for (const expected of [
      "참가 증명서",
      "김민준",
      "WeGO 지속가능 스마트시티 챔피언스 2023",
      "바쿠 워크숍 · 아제르바이잔 외교아카데미",
      "참가일: 2023년 10월 1일",
      "발급일: 2026년 11월 27일",
    ])
      expect(text).toContain(expected);
  });
});
