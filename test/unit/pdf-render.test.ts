import { describe, expect, it } from "vitest";
import { nodeFontSource } from "../../src/adapters/pdf/node-font-source";
import { renderCertificatePdf } from "../../src/adapters/pdf/render-certificate";
import { UnrenderableNameError } from "../../src/adapters/pdf/types";
import { decodeQr, pdfToText, sampleInput, stripBidiMarks } from "../support/pdf-tools";

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
      "Baku · 1 October 2023 · Azerbaijan Diplomatic Academy",
      "Themes: Littoral Urbanization Land-use; Waste Management; Global Energy Supply",
      "Date of issue: 27 November 2026",
      "Valid until: 27 November 2031",
      "Certificate ID: Q2VydGlmaWNhdGVJZDAwMQ",
      "http://127.0.0.1:8787/c/Q2VydGlmaWNhdGVJZDAwMQ",
    ])
      expect(workshop).toContain(text);
    const online = sampleInput({
      achievement: { ...sampleInput().achievement, kind: "online", name: "WeGO Champions 2023: online lectures" },
    });
    const text = await pdfToText(await renderCertificatePdf(online, fonts));
    expect(text).toContain("Certificate of Completion");
    expect(text).toContain("WeGO Champions 2023: online lectures");
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
  it.each(names)("pdftotext gives back the name %s", async (name) => {
    const text = await pdfToText(await renderCertificatePdf(sampleInput({ recipientName: name }), fonts));
    const lines = stripBidiMarks(text).split("\n");
    expect(lines).toContain(name);
  });

  it("draws right-to-left names in visual order (first logical letter rightmost)", async () => {
    // pdftotext -bbox lists words with their positions (and glyphs in drawing order).
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
      expect(david && cohen).toBeTruthy();
      expect(david!.x).toBeGreaterThan(cohen!.x); // first word on the right
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
