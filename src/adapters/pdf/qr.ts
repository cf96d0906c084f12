/** QR code as one vector path: dark modules merged into horizontal runs, filled in a single operation. */
import QRCode from "qrcode";
import { num } from "./pdf-number";

/** Modules of light margin around the symbol, as ISO/IEC 18004 requires. */
export const QR_QUIET_ZONE = 4;

/** One horizontal run of dark modules: row, first column, length (module units). */
export interface QrRun {
  row: number;
  col: number;
  len: number;
}

/** The last symbol encoded: a page asks for its size, then for its operators (one encoding, not two). */
let last: { text: string; symbol: { size: number; runs: QrRun[] } } | undefined;

/** The module matrix of `text` (error correction M) as merged horizontal runs. */
export function qrRuns(text: string): { size: number; runs: QrRun[] } {
  if (last?.text === text) return last.symbol;
  const symbol = encode(text);
  last = { text, symbol };
  return symbol;
}

function encode(text: string): { size: number; runs: QrRun[] } {
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
 * Content-stream operators drawing the QR code with the top-right corner of its quiet zone at (`right`,
 * `top`), the symbol itself `symbolSize` points wide, on a white square that includes the quiet zone.
 * Also returns the square's left x and size.
 */
export function qrOperators(
  text: string,
  right: number,
  top: number,
  symbolSize: number,
): { ops: string; x: number; outer: number } {
  const { size, runs } = qrRuns(text);
  const m = symbolSize / size;
  const outer = symbolSize + 2 * QR_QUIET_ZONE * m;
  const x = right - outer;
  const ox = x + QR_QUIET_ZONE * m;
  const oy = top - QR_QUIET_ZONE * m;
  const r2 = (n: number) => String(Math.round(n * 100) / 100);
  const mm = r2(m);
  let ops = `q\n1 1 1 rg\n${num(x)} ${num(top - outer)} ${num(outer)} ${num(outer)} re\nf\n0 0 0 rg\n`;
  for (const r of runs) ops += `${r2(ox + r.col * m)} ${r2(oy - (r.row + 1) * m)} ${r2(r.len * m)} ${mm} re\n`;
  return { ops: `${ops}f\nQ\n`, x, outer };
}
