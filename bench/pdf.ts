/**
 * Certificate PDF benchmark: median render time for a Latin and a Hangul name with the real adapter,
 * beside a baseline measured in the same run (pdf-lib with standard fonts and a PNG QR from
 * `qrcode.toBuffer`, same texts and layout). Run: `npx tsx bench/pdf-cli.ts`.
 */
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import QRCode from "qrcode";
import { clearFontCache } from "../src/adapters/pdf/fonts";
import { nodeFontSource } from "../src/adapters/pdf/node-font-source";
import {
  ORGANIZATION,
  PAGE_SIZE,
  SIGNATORY,
  certificateTitle,
  formatDate,
  programTitle,
  renderCertificatePdf,
} from "../src/adapters/pdf/render-certificate";
import type { CertificatePdfInput } from "../src/adapters/pdf/types";
import { SEED_CATALOGUE } from "../src/domain/catalogue";

const BAKU = SEED_CATALOGUE.find((a) => a.id === "champions-2023-workshop-baku")!;

/** One line of the report. */
export interface PdfBenchRow {
  case: string;
  runs: number;
  medianMs: number;
  /** Median divided by the baseline's median. */
  ratio: number;
  /** Target ratio from the issue, if any. */
  target?: number;
  /** First render in a fresh font cache (font load + parse included). */
  coldMs?: number;
  bytes: number;
}

/** A representative input (workshop certificate with realistic attachment sizes). */
export function benchInput(recipientName: string): CertificatePdfInput {
  const id = "Q2VydGlmaWNhdGVJZDAwMQ";
  return {
    certificateId: id,
    verificationUrl: `http://127.0.0.1:8787/c/${id}`,
    recipientName,
    achievement: BAKU,
    issuedAt: new Date("2026-11-27T09:30:00Z"),
    validUntil: "2031-11-27",
    credentialJson: JSON.stringify({ "@context": [], padding: "x".repeat(2500) }),
    vcJwt: `eyJhbGciOiJFZERTQSJ9.${"A".repeat(2400)}.${"B".repeat(86)}`,
  };
}

/** The `i`-th of many distinct Latin names (diacritics from Latin-1, Latin Extended-A and Azerbaijani). */
export function latinName(i: number): string {
  const first = ["Amélie", "Ləman", "Łukasz", "Zoë", "Søren", "Ağa", "Dvořák", "Íñigo", "Małgorzata", "Þóra", "Jürgen"];
  const last = [
    "Dubois-Sørensen",
    "Əliyeva",
    "Żółć",
    "García",
    "Håkansson",
    "Öztürk",
    "Čapek",
    "Nowak",
    "Müller",
    "Ørsted",
  ];
  return `${first[i % first.length]!} ${last[Math.floor(i / first.length) % last.length]!} ${String.fromCharCode(65 + (i % 26))}.`;
}

/** The `i`-th of many distinct three-syllable Hangul names (pseudo-random syllables: a new font subset each time). */
export function hangulName(i: number): string {
  let h = (i + 1) * 2654435761;
  let out = "";
  for (let k = 0; k < 3; k++) {
    h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
    out += String.fromCharCode(0xac00 + (h % 11172));
  }
  return out;
}

/** Baseline: pdf-lib standard fonts + PNG QR, the same texts at the same places. */
export async function renderBaselinePdf(input: CertificatePdfInput, objectsPerTick = 50): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage(PAGE_SIZE);
  const sans = await doc.embedFont(StandardFonts.Helvetica);
  const serif = await doc.embedFont(StandardFonts.TimesRomanBold);
  const [W] = PAGE_SIZE;
  const c = (text: string, y: number, size: number, font = sans) =>
    page.drawText(text, {
      x: W / 2 - font.widthOfTextAtSize(text, size) / 2,
      y,
      size,
      font,
      color: rgb(0.1, 0.2, 0.3),
    });
  const a = input.achievement;
  c(ORGANIZATION, 522, 12.5);
  c(programTitle(a.name), 496, 16);
  c(certificateTitle(a.kind), 425, 36, serif);
  c("This is to certify that", 393, 12);
  c(input.recipientName, 340, 38, serif);
  c("has participated in", 292, 12);
  c(a.name, 268, 15);
  c([a.city, a.date && formatDate(a.date), a.venue].filter((s) => s).join(" - "), 247, 11);
  c(`Themes: ${a.themes.join("; ")}`, 230, 10);
  page.drawText(SIGNATORY.name, { x: 80, y: 102, size: 13, font: serif });
  page.drawText(SIGNATORY.title, { x: 80, y: 88, size: 10, font: sans });
  page.drawText(SIGNATORY.organization, { x: 80, y: 75, size: 8.5, font: sans });
  const png = await QRCode.toBuffer(input.verificationUrl, { errorCorrectionLevel: "M", margin: 4 });
  const image = await doc.embedPng(png);
  page.drawImage(image, { x: W - 152, y: 70, width: 100, height: 100 });
  for (const [i, t] of [
    input.verificationUrl,
    `Certificate ID: ${input.certificateId}`,
    `Date of issue: ${formatDate(input.issuedAt)}`,
  ].entries())
    page.drawText(t, { x: 470, y: 150 - i * 14, size: 8.5, font: sans });
  const enc = new TextEncoder();
  await doc.attach(enc.encode(input.credentialJson), "credential.json", { mimeType: "application/vc+ld+json" });
  await doc.attach(enc.encode(input.vcJwt), "credential.jwt", { mimeType: "application/vc+jwt" });
  return doc.save({ objectsPerTick });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function time(fn: () => Promise<Uint8Array>): Promise<[number, Uint8Array]> {
  const t = performance.now();
  const out = await fn();
  return [performance.now() - t, out];
}

/** Runs the benchmark and returns one row per case (baseline first). */
export async function runPdfBench(options: { runs?: number; warmup?: number } = {}): Promise<PdfBenchRow[]> {
  const runs = options.runs ?? 60;
  const warmup = options.warmup ?? 10;
  const fonts = nodeFontSource();
  clearFontCache();
  // Same name for baseline and Latin (WinAnsi-encodable, so the standard font can draw it).
  const cases: {
    case: string;
    input: CertificatePdfInput;
    base?: boolean;
    ticks?: number;
    names?: (i: number) => string;
    target?: number;
  }[] = [
    { case: "baseline (Helvetica + PNG QR)", input: benchInput("Amélie Dubois-Sørensen"), base: true },
    {
      case: "baseline, save({ objectsPerTick: Infinity })",
      input: benchInput("Amélie Dubois-Sørensen"),
      base: true,
      ticks: Number.POSITIVE_INFINITY,
    },
    { case: "adapter, Latin name", input: benchInput("Amélie Dubois-Sørensen"), target: 0.5 },
    { case: "adapter, Hangul name", input: benchInput("김민준"), target: 2 },
    // Per-isolate caches must not flatter the figures: a different name on every render.
    { case: "adapter, Latin, new name each run", input: benchInput(latinName(0)), names: latinName, target: 0.5 },
    { case: "adapter, Hangul, new name each run", input: benchInput(hangulName(0)), names: hangulName, target: 2 },
  ];
  const rows: PdfBenchRow[] = [];
  const medians: number[] = [];
  for (const c of cases) {
    let n = 0;
    const render = () =>
      c.base
        ? renderBaselinePdf(c.input, c.ticks ?? 50)
        : renderCertificatePdf(c.names ? { ...c.input, recipientName: c.names(n++) } : c.input, fonts);
    const [coldMs, bytes] = await time(render);
    for (let i = 0; i < warmup; i++) await render();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push((await time(render))[0]);
    const medianMs = median(samples);
    medians.push(medianMs);
    rows.push({
      case: c.case,
      runs,
      medianMs: round(medianMs),
      ratio: round(medianMs / medians[0]!),
      ...(c.target ? { target: c.target } : {}),
      coldMs: round(coldMs),
      bytes: bytes.length,
    });
  }
  return rows;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Heap figures around a cold Hangul render (fresh font cache); call with `--expose-gc` for retained figures. */
export async function measureHangulMemory(): Promise<Record<string, number>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const mb = (n: number) => round(n / 1024 / 1024);
  clearFontCache();
  gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 1);
  await renderCertificatePdf(benchInput("김민준 박서연 이하은"), nodeFontSource());
  sample();
  clearInterval(timer);
  const after = process.memoryUsage();
  gc?.();
  const retained = process.memoryUsage();
  return {
    heapBeforeMB: mb(before.heapUsed),
    heapAfterRenderMB: mb(after.heapUsed),
    heapPeakSampledMB: mb(peakHeap),
    heapRetainedAfterGcMB: mb(retained.heapUsed),
    arrayBuffersMB: mb(retained.arrayBuffers),
    rssMB: mb(after.rss),
  };
}
