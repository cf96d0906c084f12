/**
 * The certificate's vector artwork (border, corner ornaments, rosette seal), drawn with pdf-lib primitives
 * only; render-certificate.ts records the operators once per isolate and reuses them.
 */
import { type PDFPage, rgb } from "pdf-lib";

/** Palette. */
export const COLORS = {
  paper: rgb(0.992, 0.984, 0.957),
  navy: rgb(0.071, 0.165, 0.333),
  gold: rgb(0.741, 0.596, 0.282),
  goldLight: rgb(0.91, 0.83, 0.62),
  ink: rgb(0.16, 0.17, 0.2),
  muted: rgb(0.38, 0.4, 0.45),
  white: rgb(1, 1, 1),
};

/** Paper, a navy frame with gold inner rules, and diamond ornaments at the corners. */
export function drawFrame(page: PDFPage): void {
  const { width, height } = page.getSize();
  page.drawRectangle({ x: 0, y: 0, width, height, color: COLORS.paper });
  const frame = (inset: number, color: typeof COLORS.navy, thickness: number) =>
    page.drawRectangle({
      x: inset,
      y: inset,
      width: width - 2 * inset,
      height: height - 2 * inset,
      borderColor: color,
      borderWidth: thickness,
    });
  frame(16, COLORS.navy, 6);
  frame(26, COLORS.gold, 1.2);
  frame(30, COLORS.gold, 0.4);
  for (const [cx, cy] of [
    [28, 28],
    [width - 28, 28],
    [28, height - 28],
    [width - 28, height - 28],
  ] as const) {
    page.drawSvgPath("M 0 -9 L 9 0 L 0 9 L -9 0 Z", {
      x: cx,
      y: cy,
      color: COLORS.gold,
      borderColor: COLORS.navy,
      borderWidth: 0.8,
    });
    page.drawCircle({ x: cx, y: cy, size: 2.2, color: COLORS.navy });
  }
  // Ornamental rule under the header.
  const mid = width / 2;
  const y = height - 118;
  for (const dir of [-1, 1]) {
    page.drawLine({
      start: { x: mid + dir * 10, y },
      end: { x: mid + dir * 150, y },
      thickness: 0.6,
      color: COLORS.gold,
    });
  }
  page.drawSvgPath("M 0 -4 L 4 0 L 0 4 L -4 0 Z", { x: mid, y, color: COLORS.gold });
}

/** Scalloped outline of `n` lobes between radii `r1` (valleys) and `r2` (tips), as an SVG path (y down). */
function scallopPath(n: number, r1: number, r2: number): string {
  const parts: string[] = [];
  for (let i = 0; i <= 2 * n; i++) {
    const a = (Math.PI * i) / n;
    const r = i % 2 === 0 ? r1 : r2;
    const x = (r * Math.cos(a)).toFixed(2);
    const y = (r * Math.sin(a)).toFixed(2);
    parts.push(`${i === 0 ? "M" : "L"} ${x} ${y}`);
  }
  return `${parts.join(" ")} Z`;
}

/** A rosette seal with two ribbon tails, centred at (`cx`, `cy`); its label is drawn by the caller. */
export function drawSeal(page: PDFPage, cx: number, cy: number): void {
  const tail = (dx: number) => `M ${dx * 6} 0 L ${dx * 30} 62 L ${dx * 19} 55 L ${dx * 12} 68 L ${dx * -8} 8 Z`;
  page.drawSvgPath(tail(-1), { x: cx, y: cy, color: COLORS.navy });
  page.drawSvgPath(tail(1), { x: cx, y: cy, color: COLORS.navy });
  page.drawSvgPath(scallopPath(24, 38, 44), { x: cx, y: cy, color: COLORS.gold });
  page.drawCircle({ x: cx, y: cy, size: 34, color: COLORS.navy });
  page.drawCircle({ x: cx, y: cy, size: 31, borderColor: COLORS.goldLight, borderWidth: 0.8 });
  page.drawCircle({ x: cx, y: cy, size: 24, borderColor: COLORS.goldLight, borderWidth: 0.4 });
  for (let i = 0; i < 16; i++) {
    const a = (Math.PI * 2 * i) / 16;
    page.drawCircle({ x: cx + 27.5 * Math.cos(a), y: cy + 27.5 * Math.sin(a), size: 0.9, color: COLORS.goldLight });
  }
}
