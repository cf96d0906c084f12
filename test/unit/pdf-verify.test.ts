import { PDFArray, PDFDocument, PDFName, PDFRawStream, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractPdfCredential } from "../../src/adapters/pdf/extract-credential";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import { pdfVisibleContentMatches } from "../../src/adapters/pdf/visible-content";
import { sampleInput } from "../support/pdf-tools";

const fonts = nodeFontSource();

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe("determinism and metadata", () => {
  it("renders byte-identical PDFs for the same input (Latin, Hangul, Arabic)", async () => {
    for (const recipientName of ["Ləman Əliyeva", "김민준", "محمد علي"]) {
      const input = sampleInput({ recipientName });
      const a = await renderCertificatePdf(input, fonts);
      await renderCertificatePdf(sampleInput({ recipientName: "Other Person" }), fonts); // interleaved
      const b = await renderCertificatePdf(input, fonts);
      expect(bytesEqual(a, b)).toBe(true);
    }
  });

  it("sets metadata with CreationDate = ModDate = issuedAt and no trailer ID", async () => {
    const input = sampleInput();
    const pdf = await renderCertificatePdf(input, fonts);
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getAuthor()).toBe("WeGO");
    expect(doc.getTitle()).toBe("Certificate of Participation: Ləman Əliyeva");
    expect(doc.getSubject()).toBe(input.achievement.name);
    expect(doc.getCreator()).toBe("WeGO Certificates");
    expect(doc.getCreationDate()?.toISOString()).toBe(input.issuedAt.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(input.issuedAt.toISOString());
    expect(doc.getKeywords()).toContain(input.certificateId);
    expect(doc.getPage(0).getSize()).toEqual({ width: 841.89, height: 595.28 });
  });
});

describe("extractPdfCredential", () => {
  it("returns both attachments", async () => {
    const input = sampleInput({ credentialJson: JSON.stringify({ name: "김민준 ✓", big: "x".repeat(20_000) }) });
    const pdf = await renderCertificatePdf(input, fonts);
    expect(await extractPdfCredential(pdf)).toEqual({ credentialJson: input.credentialJson, vcJwt: input.vcJwt });
  });

  it("returns an error (never throws) for non-PDFs, garbage and PDFs without attachments", async () => {
    const random = new Uint8Array(64 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    const bare = await PDFDocument.create();
    bare.addPage().drawText("hello", { font: await bare.embedFont(StandardFonts.Helvetica) });
    const truncated = (await renderCertificatePdf(sampleInput(), fonts)).slice(0, 3000);
    const cases: [unknown, string][] = [
      [new Uint8Array(), "empty"],
      [new TextEncoder().encode("hello world"), "not-a-pdf"],
      [random, "not-a-pdf"],
      [new TextEncoder().encode("%PDF-1.7\n garbage garbage"), ""],
      [truncated, ""],
      [await bare.save(), "no-credential-attachment"],
      [new Uint8Array(6 * 1024 * 1024), "too-large"],
      ["%PDF-1.7", "not-bytes"],
    ];
    for (const [bytes, code] of cases) {
      const r = await extractPdfCredential(bytes as Uint8Array);
      // An empty code: any error will do (which one depends on where the parser gives up).
      expect(r).toEqual({ error: code || expect.any(String) });
    }
  });

  it("refuses a decompression bomb attachment", async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await doc.attach(new Uint8Array(2 * 1024 * 1024), "credential.json", { mimeType: "application/json" });
    expect(await extractPdfCredential(await doc.save())).toEqual({ error: "unreadable-credential-attachment" });
  });
});

describe("pdfVisibleContentMatches", () => {
  it("matches a re-render of the same input, and a copy re-saved with another object layout", async () => {
    const input = sampleInput();
    const pdf = await renderCertificatePdf(input, fonts);
    expect(await pdfVisibleContentMatches(pdf, await renderCertificatePdf(input, fonts))).toBe(true);
    const resaved = await (await PDFDocument.load(pdf)).save({ useObjectStreams: false });
    expect(bytesEqual(resaved, pdf)).toBe(false);
    expect(await pdfVisibleContentMatches(resaved, pdf)).toBe(true);
  });

  it("detects a changed name, date or QR", async () => {
    const base = sampleInput({ recipientName: "Nina Ivanova" });
    const pdf = await renderCertificatePdf(base, fonts);
    for (const changed of [
      sampleInput({ recipientName: "Nina Ivanovа" }), // Cyrillic а
      sampleInput({ recipientName: "Nina Ivanov" }),
      sampleInput({ recipientName: "Nina Ivanova", issuedAt: new Date("2026-11-28T09:30:00Z") }),
      sampleInput({ recipientName: "Nina Ivanova", verificationUrl: "http://127.0.0.1:8787/c/other" }),
    ])
      expect(await pdfVisibleContentMatches(await renderCertificatePdf(changed, fonts), pdf)).toBe(false);
  });

  it("detects a name edited in the content stream of an otherwise untouched PDF", async () => {
    const pdf = await renderCertificatePdf(sampleInput({ recipientName: "Nina Ivanova" }), fonts);
    const doc = await PDFDocument.load(pdf);
    // Tamper: append a white box and another text over the page, as an editing tool would.
    const page = doc.getPage(0);
    page.drawRectangle({
      x: 200,
      y: 330,
      width: 440,
      height: 50,
      color: { type: "RGB", red: 1, green: 1, blue: 1 } as never,
    });
    page.drawText("Mallory", { x: 350, y: 340, size: 30 });
    expect(await pdfVisibleContentMatches(await doc.save(), pdf)).toBe(false);
  });

  it("is false (not a throw) for garbage and for a PDF with an undecodable content stream", async () => {
    const pdf = await renderCertificatePdf(sampleInput(), fonts);
    expect(await pdfVisibleContentMatches(new Uint8Array([1, 2, 3]), pdf)).toBe(false);
    const doc = await PDFDocument.load(pdf);
    const contents = doc.getPage(0).node.Contents();
    const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
    let tampered = 0;
    for (const ref of refs) {
      const stream = doc.context.lookup(ref);
      if (stream instanceof PDFRawStream) {
        stream.dict.set(PDFName.of("Filter"), PDFName.of("LZWDecode"));
        tampered++;
      }
    }
    expect(tampered).toBeGreaterThan(0);
    expect(await pdfVisibleContentMatches(await doc.save(), pdf)).toBe(false);
  });
});
