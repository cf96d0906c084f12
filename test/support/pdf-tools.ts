/** Test helpers around poppler-utils (pdftoppm, pdftotext) and zbar-tools (zbarimg), using temp files. */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { CertificatePdfInput } from "../../src/adapters/pdf/types";
import { SEED_CATALOGUE } from "../../src/domain/catalogue";

const BAKU = SEED_CATALOGUE.find((a) => a.id === "champions-2023-workshop-baku")!;

const run = promisify(execFile);

async function withPdf<T>(pdf: Uint8Array, fn: (dir: string, file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "wego-pdf-"));
  try {
    const file = join(dir, "in.pdf");
    await writeFile(file, pdf);
    return await fn(dir, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `pdftotext -layout`-free plain text of the PDF (UTF-8). */
export function pdfToText(pdf: Uint8Array): Promise<string> {
  return withPdf(pdf, async (_dir, file) => (await run("pdftotext", ["-enc", "UTF-8", file, "-"])).stdout);
}

/** Rasterizes page 1 at `dpi` with pdftoppm and decodes QR codes with zbarimg; returns the decoded lines. */
export function decodeQr(pdf: Uint8Array, dpi = 150): Promise<string[]> {
  return withPdf(pdf, async (dir, file) => {
    await run("pdftoppm", ["-r", String(dpi), "-png", "-f", "1", "-l", "1", file, join(dir, "page")]);
    const png = (await readdir(dir)).find((f) => f.endsWith(".png"));
    if (!png) throw new Error("pdftoppm produced no image");
    const { stdout } = await run("zbarimg", ["--raw", "-q", join(dir, png)]);
    return stdout.split("\n").filter((l) => l.length > 0);
  });
}

/** Removes the bidi embedding marks pdftotext wraps right-to-left lines in, and normalizes spaces. */
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
