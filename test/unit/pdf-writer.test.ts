import { describe, expect, it } from "vitest";
import { clearFontCache } from "../../src/adapters/pdf/fonts";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import { pdfToText, sampleInput } from "../support/pdf-tools";

const fonts = nodeFontSource();
const latin1 = (bytes: Uint8Array) => new TextDecoder("latin1").decode(bytes);

describe("PDF writer and per-isolate caches", () => {
  it("gives the same bytes from a cold cache as from a warm one (base subset, extra glyphs, Hangul)", async () => {
    for (const recipientName of ["Ləman Əliyeva", "Ελένη Παπαδοπούλου", "김민준", "Nguyễn Thị Minh Khai"]) {
      const input = sampleInput({ recipientName });
      clearFontCache();
      const cold = await renderCertificatePdf(input, fonts);
      await renderCertificatePdf(sampleInput({ recipientName: "Ελένη Ιβανοβα" }), fonts);
      const warm = await renderCertificatePdf(input, fonts);
      expect(latin1(warm) === latin1(cold)).toBe(true);
    }
  });

  it("writes a cross-reference table whose offsets point at the objects", async () => {
    const pdf = latin1(await renderCertificatePdf(sampleInput(), fonts));
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    const table = pdf.slice(startxref);
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(table)!.map(Number) as [number, number, number];
    expect(first).toBe(0);
    const entries = table.split("\n").slice(2, 2 + count);
    expect(entries[0]).toBe("0000000000 65535 f ");
    for (let n = 1; n < count; n++) {
      const offset = Number(entries[n]!.slice(0, 10));
      expect(pdf.startsWith(`${n} 0 obj\n`, offset)).toBe(true);
    }
    expect(table).toContain(`/Size ${count}`);
  });

  it("extracts names whose glyphs lie outside the Latin base subset, beside Latin body text", async () => {
    const input = sampleInput({
      recipientName: "Ελένη Nguyễn-Łukasz",
      achievement: { ...sampleInput().achievement, venue: "Hà Nội – Ελληνικό Κέντρο" },
    });
    const text = await pdfToText(await renderCertificatePdf(input, fonts));
    expect(text).toContain("Ελένη Nguyễn-Łukasz");
    expect(text).toContain("Hà Nội – Ελληνικό Κέντρο");
    expect(text).toContain("World Smart Sustainable Cities Organization (WeGO)");
  });
});
