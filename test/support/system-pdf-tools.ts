/**
 * Optional second opinions on PDFs: Debian poppler-utils (pdftotext, pdftoppm) and zbar-tools
 * (zbarimg), run when installed; the tests that use them are skipped otherwise.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { promisify } from "node:util";

/** Whether an executable is on PATH (no shell, no `which`). */
export function hasCommand(name: string): boolean {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        fs.accessSync(join(dir, name), fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** True when pdftotext and pdftoppm (poppler-utils) are installed. */
export const HAS_POPPLER = hasCommand("pdftotext") && hasCommand("pdftoppm");
/** True when zbarimg (zbar-tools) is installed. */
export const HAS_ZBAR = hasCommand("zbarimg");

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

/** `pdftotext` (poppler) plain text of the PDF (UTF-8). Only where HAS_POPPLER. */
export function popplerText(pdf: Uint8Array): Promise<string> {
  return withPdf(pdf, async (_dir, file) => (await run("pdftotext", ["-enc", "UTF-8", file, "-"])).stdout);
}

/** Page 1 rasterized by `pdftoppm` and decoded by `zbarimg`. Only where HAS_POPPLER and HAS_ZBAR. */
export function popplerQr(pdf: Uint8Array, dpi = 150): Promise<string[]> {
  return withPdf(pdf, async (dir, file) => {
    await run("pdftoppm", ["-r", String(dpi), "-png", "-f", "1", "-l", "1", file, join(dir, "page")]);
    const png = (await readdir(dir)).find((f) => f.endsWith(".png"));
    if (!png) throw new Error("pdftoppm produced no image");
    const { stdout } = await run("zbarimg", ["--raw", "-q", join(dir, png)]);
    return stdout.split("\n").filter((l) => l.length > 0);
  });
}
