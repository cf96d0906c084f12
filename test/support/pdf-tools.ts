/**
 * PDF test helpers that need only Node: text and drawing order with pdf.js (`pdfjs-dist`), pages
 * rasterized by pdf.js onto `@napi-rs/canvas`, QR codes decoded by ZXing (`zxing-wasm`). Poppler
 * (pdftotext, pdftoppm) and zbar (zbarimg) are optional second opinions: `popplerText` and
 * `popplerQr` run them when installed, and the tests that use them are skipped otherwise.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { createCanvas } from "@napi-rs/canvas";
import { getDocument, OPS, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { RenderParameters } from "pdfjs-dist/types/src/display/api";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import type { CertificatePdfInput } from "../../src/adapters/pdf/types";
import { SEED_CATALOGUE } from "../../src/domain/catalogue";

export { HAS_POPPLER, HAS_ZBAR, hasCommand, popplerQr, popplerText } from "./system-pdf-tools";

const BAKU = SEED_CATALOGUE.find((a) => a.id === "champions-2023-workshop-baku")!;

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.resolve(path.dirname(require.resolve("pdfjs-dist/package.json")));

// zxing-wasm fetches its .wasm from a CDN unless given the bytes (its README, "Integrating in
// Non-Web Runtimes"); the tests run offline, so hand it the copy in node_modules.
prepareZXingModule({
  overrides: {
    wasmBinary: new Uint8Array(fs.readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"))).buffer,
  },
});

async function openPdf(pdf: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given: pass a copy.
    data: pdf.slice(),
    // For non-embedded standard fonts and CMaps; loaded from node_modules, never from the network.
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

/** A run of text as pdf.js reports it, in logical order (pdf.js applies the bidi algorithm). */
interface TextRun {
  str: string;
  x: number;
  y: number;
}

/**
 * Removes C0/C1 control characters. Our certificates map a glyph that Arabic shaping produced
 * without a code point to U+0001 in the font's ToUnicode table (seen with "محمد علي");
 * pdftotext drops such characters, and so do we.
 */
const dropControls = (s: string) => s.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "");

/**
 * Plain text of the PDF, one line per baseline, lines top to bottom, pages separated by a form
 * feed, as `pdftotext` (without -layout) prints it for our certificates. Runs on one baseline
 * (within 1 pt) are joined left to right with a space.
 */
export async function pdfToText(pdf: Uint8Array): Promise<string> {
  const doc = await openPdf(pdf);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items)
        if ("str" in item && item.str.length > 0)
          runs.push({ str: dropControls(item.str), x: item.transform[4], y: item.transform[5] });
      const lines: TextRun[][] = [];
      for (const run of runs.sort((a, b) => b.y - a.y)) {
        const line = lines.find((l) => Math.abs(l[0]!.y - run.y) <= 1);
        if (line) line.push(run);
        else lines.push([run]);
      }
      pages.push(
        lines
          .map((l) =>
            l
              .sort((a, b) => a.x - b.x)
              .map((r) => r.str.trim())
              .filter(Boolean)
              .join(" "),
          )
          .join("\n") + "\n",
      );
    }
    return pages.join("\f");
  } finally {
    await doc.destroy();
  }
}

/**
 * The text of page 1 in drawing order: for each text-showing operation, its glyphs' Unicode in
 * the order they are drawn (left to right along the baseline), without the bidi reordering that
 * `pdfToText` applies. A right-to-left name drawn in visual order therefore comes back reversed.
 */
export async function drawnText(pdf: Uint8Array): Promise<string[]> {
  const doc = await openPdf(pdf);
  try {
    const ops = await (await doc.getPage(1)).getOperatorList();
    const out: string[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== OPS.showText) continue;
      const glyphs = ops.argsArray[i][0] as unknown[];
      out.push(
        dropControls(
          glyphs
            .map((g) => (g && typeof g === "object" && "unicode" in g ? String(g.unicode) : g === null ? " " : ""))
            .join(""),
        ),
      );
    }
    return out;
  } finally {
    await doc.destroy();
  }
}

/** Page 1 rasterized by pdf.js at `dpi` on a white background, as RGBA pixels. */
export async function rasterize(
  pdf: Uint8Array,
  dpi = 150,
): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const doc = await openPdf(pdf);
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      // pdf.js takes the 2D context from the canvas itself; @napi-rs/canvas stands in for a DOM one.
      canvas: canvas as unknown as RenderParameters["canvas"],
      viewport,
    }).promise;
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { data: image.data, width: image.width, height: image.height };
  } finally {
    await doc.destroy();
  }
}

/** Page 1 rasterized by pdf.js at `dpi`, as a PNG file (renders for people to look at). */
export async function rasterPng(pdf: Uint8Array, dpi = 100): Promise<Uint8Array> {
  const { data, width, height } = await rasterize(pdf, dpi);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(width, height);
  image.data.set(data);
  ctx.putImageData(image, 0, 0);
  return canvas.encode("png");
}

/** Text runs of page 1 with their baselines (pdf.js), for layout checks. */
export async function textRuns(pdf: Uint8Array): Promise<{ str: string; x: number; y: number; width: number }[]> {
  const doc = await openPdf(pdf);
  try {
    const content = await (await doc.getPage(1)).getTextContent();
    const items = content.items as { str?: string; transform?: number[]; width?: number }[];
    return items
      .filter((i) => typeof i.str === "string" && i.str.trim().length > 0 && i.transform)
      .map((i) => ({ str: i.str!, x: i.transform![4]!, y: i.transform![5]!, width: i.width ?? 0 }));
  } finally {
    await doc.destroy();
  }
}

/** Rasterizes page 1 at `dpi` (pdf.js) and decodes the QR codes on it (ZXing); returns their texts. */
export async function decodeQr(pdf: Uint8Array, dpi = 150): Promise<string[]> {
  const image = await rasterize(pdf, dpi);
  const found = await readBarcodes(image, { formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 8 });
  return found.filter((b) => b.isValid).map((b) => b.text);
}

/** Removes bidi embedding marks (pdftotext wraps right-to-left lines in them) and normalizes spaces. */
export function stripBidiMarks(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/g, "");
}

/** A realistic certificate input. */
export function sampleInput(overrides: Partial<CertificatePdfInput> = {}): CertificatePdfInput {
  const id = "Q2VydGlmaWNhdGVJZDAwMQ";
  return {
    certificateId: id,
    verificationUrl: `http://127.0.0.1:8787/c/${id}`,
    recipientName: "Ləman Əliyeva",
    achievement: BAKU,
    issuedAt: new Date("2026-11-27T09:30:00Z"),
    validUntil: "2031-11-27",
    credentialJson: JSON.stringify({ "@context": ["https://www.w3.org/ns/credentials/v2"], id: `urn:uuid:${id}` }),
    vcJwt: "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
    ...overrides,
  };
}
