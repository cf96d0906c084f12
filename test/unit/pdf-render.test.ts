import { describe, expect, it } from "vitest";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import { UnrenderableNameError } from "../../src/adapters/pdf/types";
import {
  decodeQr,
  drawnText,
  HAS_POPPLER,
  HAS_ZBAR,
  pdfToText,
  popplerQr,
  popplerText,
  sampleInput,
  stripBidiMarks,
} from "../support/pdf-tools";

const fonts = nodeFontSource();

describe("renderCertificatePdf", () => {
  it("draws a QR code that decodes to exactly the verification URL", async () => {
    const input = sampleInput();
    const pdf = await renderCertificatePdf(input, fonts);
    expect(await decodeQr(pdf)).toEqual([input.verificationUrl]);
  });

  it("with an offline token: the QR carries URL#token, the printed URL is the short one", async () => {
    const input = {
      ...sampleInput(),
      verificationUrl: sampleInput().verificationUrl + "#AWsJmPsAAAAApTAEZDMR6bF0sxDyvQOSnuIs",
    };
    const pdf = await renderCertificatePdf(input, fonts);
    expect(await decodeQr(pdf)).toEqual([input.verificationUrl]);
    const text = await pdfToText(pdf);
    expect(text).toContain(sampleInput().verificationUrl);
    expect(text).not.toContain("#AWsJ");
  });

  it("prints the fixed texts, achievement, dates, id and URL (online and workshop)", async () => {
    const workshop = await pdfToText(await renderCertificatePdf(sampleInput(), fonts));
    for (const text of [
      "World Smart Sustainable Cities Organization (WeGO)",
      "Certificate of Participation",
      "Park Jung Sook",
      "Secretary General",
      "WeGO Sustainable Smart City Champions 2023",
      "Baku workshop · Azerbaijan Diplomatic Academy",
      "Themes: Littoral Urbanization Land-use; Waste Management; Global Energy Supply",
      "Completed on 1 October 2023",
      "Issued on 27 November 2026",
      "Valid until 27 November 2031",
      "Certificate ID: Q2VydGlmaWNhdGVJZDAwMQ",
      "http://127.0.0.1:8787/c/Q2VydGlmaWNhdGVJZDAwMQ",
    ])
      expect(workshop).toContain(text);
    const online = sampleInput({
      achievement: { ...sampleInput().achievement, kind: "online", name: "WeGO Champions 2023: online lectures" },
    });
    const text = await pdfToText(await renderCertificatePdf(online, fonts));
    expect(text).toContain("Certificate of Completion");
    expect(text).toContain("WeGO Champions 2023\nOnline lectures");
    // One hierarchy: the programme title and the organisation are printed once each.
    expect(workshop.split("WeGO Sustainable Smart City Champions 2023").length - 1).toBe(1);
    expect(workshop.split("World Smart Sustainable Cities Organization").length - 1).toBe(1);
  });

  const names = [
    "김민준",
    "Ləman Əliyeva",
    "Ελένη Παπαδοπούλου",
    "Нина Иванова",
    "王小明",
    "Nguyễn Thị Minh Khai",
    "Łukasz Żółć",
    "山田太郎",
    "やまだ",
    "محمد علي",
    "דוד כהן",
  ];
  it.each(names)("the text layer gives back the name %s (pdf.js)", async (name) => {
    const text = await pdfToText(await renderCertificatePdf(sampleInput({ recipientName: name }), fonts));
    expect(text.split("\n")).toContain(name);
  });

  it.each(["דוד כהן", "محمد علي"])(
    "draws the right-to-left name %s in visual order (first logical letter rightmost)",
    async (name) => {
      // Drawing order is left to right along the baseline, so a name drawn in visual order comes
      // out of the content stream reversed: the first logical letter is drawn last (rightmost).
      const drawn = await drawnText(await renderCertificatePdf(sampleInput({ recipientName: name }), fonts));
      expect(drawn).toContain([...name].reverse().join(""));
      expect(drawn).not.toContain(name);
    },
  );

  // Optional second opinions: Debian's poppler-utils and zbar-tools, run only where installed.
  describe.skipIf(!HAS_POPPLER)("poppler cross-check (pdftotext; skipped without poppler-utils)", () => {
    it.each(names)("pdftotext gives back the name %s", async (name) => {
      const text = await popplerText(await renderCertificatePdf(sampleInput({ recipientName: name }), fonts));
      expect(stripBidiMarks(text).split("\n")).toContain(name);
    });

    it("pdftotext -bbox puts the first word of a Hebrew name on the right", async () => {
      const { execFile } = await import("node:child_process");
      const { promisify } = await import("node:util");
      const { writeFile, mkdtemp, rm } = await import("node:fs/promises");
      const { join } = await import("node:path");
      const { tmpdir } = await import("node:os");
      const dir = await mkdtemp(join(tmpdir(), "wego-pdf-"));
      try {
        const file = join(dir, "he.pdf");
        await writeFile(file, await renderCertificatePdf(sampleInput({ recipientName: "דוד כהן" }), fonts));
        const { stdout } = await promisify(execFile)("pdftotext", ["-bbox", file, "-"]);
        const words = [...stdout.matchAll(/xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
          x: Number(m[1]),
          w: m[2],
        }));
        const david = words.find((w) => w.w === "דוד");
        const cohen = words.find((w) => w.w === "כהן" || w.w === [..."כהן"].reverse().join(""));
        expect(david, stdout).toBeDefined();
        expect(cohen, stdout).toBeDefined();
        expect(david!.x).toBeGreaterThan(cohen!.x); // first word on the right
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe.skipIf(!HAS_POPPLER || !HAS_ZBAR)("zbar cross-check (pdftoppm + zbarimg; skipped without them)", () => {
    it("zbarimg reads the same QR text as ZXing", async () => {
      const input = { ...sampleInput(), verificationUrl: sampleInput().verificationUrl + "#AWsJmPsAAAAApTAEZDMR6bF0" };
      const pdf = await renderCertificatePdf(input, fonts);
      expect(await popplerQr(pdf)).toEqual([input.verificationUrl]);
      expect(await decodeQr(pdf)).toEqual(await popplerQr(pdf));
    });
  });

  it("keeps a 200-character name inside its box (shrinks, then two lines)", async () => {
    const long = Array.from({ length: 20 }, () => "Wolfeschle")
      .join(" ")
      .slice(0, 200);
    const text = await pdfToText(await renderCertificatePdf(sampleInput({ recipientName: long }), fonts));
    expect(text.replace(/\s+/g, " ")).toContain(long);
    const cjk = "김".repeat(200);
    const cjkText = await pdfToText(await renderCertificatePdf(sampleInput({ recipientName: cjk }), fonts));
    expect(cjkText.replace(/\s+/g, "")).toContain(cjk);
  });

  it("refuses unrenderable names with a typed error", async () => {
    await expect(renderCertificatePdf(sampleInput({ recipientName: "🙂" }), fonts)).rejects.toBeInstanceOf(
      UnrenderableNameError,
    );
  });
});
