/** QR code as one vector path: dark modules merged into horizontal runs, filled in a single operation. */
import { type PDFPage, fill, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingRgbColor } from "pdf-lib";
import QRCode from "qrcode";

/** Modules of light margin around the symbol, as ISO/IEC 18004 requires. */
export const QR_QUIET_ZONE = 4;

/** One horizontal run of dark modules: row, first column, length (module units). */
export interface QrRun {
  row: number;
  col: number;
  len: number;
}

/** The module matrix of `text` (error correction M) as merged horizontal runs. */
export function qrRuns(text: string): { size: number; runs: QrRun[] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const { size } = modules;
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      runs.push({ row, col: start, len: col - start });
    }
  }
  return { size, runs };
}

/**
 * Draws the QR code with the top-right corner of its quiet zone at (`right`, `top`), the symbol itself
 * `symbolSize` points wide, on a white square that includes the quiet zone. Returns the square's left x and size.
 */
export function drawQr(
  page: PDFPage,
  text: string,
  right: number,
  top: number,
  symbolSize: number,
): { x: number; outer: number } {
  const { size, runs } = qrRuns(text);
  const m = symbolSize / size;
  const outer = symbolSize + 2 * QR_QUIET_ZONE * m;
  const x = right - outer;
  page.drawRectangle({ x, y: top - outer, width: outer, height: outer, color: rgb(1, 1, 1) });
  const ox = x + QR_QUIET_ZONE * m;
  const oy = top - QR_QUIET_ZONE * m;
  const r2 = (n: number) => Math.round(n * 100) / 100;
  page.pushOperators(
    pushGraphicsState(),
    setFillingRgbColor(0, 0, 0),
    ...runs.map((r) => rectangle(r2(ox + r.col * m), r2(oy - (r.row + 1) * m), r2(r.len * m), r2(m))),
    fill(),
    popGraphicsState(),
  );
  return { x, outer };
}
