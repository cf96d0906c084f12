/**
 * The certificate's vector artwork (border, corner ornaments, rules, the rosette seal used without an emblem), drawn with pdf-lib primitives
 * only; artwork.ts records the operators (at generation time, see artwork.generated.ts).
 */
import type { PDFPage } from "pdf-lib";
import { COLORS } from "./palette";

export { COLORS } from "./palette";

/** Inset of the outer frame from the page edge: 36 pt = 12.7 mm, inside what office printers clip (≤ 6 mm). */
export const FRAME_INSET = 36;

/** Paper, a navy frame with gold inner rules and corner ornaments, all at least 12.7 mm from the edge. */
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
  frame(FRAME_INSET, COLORS.navy, 3);
  frame(FRAME_INSET + 7, COLORS.gold, 1);
  frame(FRAME_INSET + 10, COLORS.gold, 0.35);
  const c = FRAME_INSET + 8.5;
  for (const [cx, cy] of [
    [c, c],
    [width - c, c],
    [c, height - c],
    [width - c, height - c],
  ] as const) {
    page.drawSvgPath("M 0 -6 L 6 0 L 0 6 L -6 0 Z", { x: cx, y: cy, color: COLORS.gold });
  }
}

/** A short gold rule with a diamond in the middle, centred on (`cx`, `y`). */
export function drawRule(page: PDFPage, cx: number, y: number, halfWidth: number): void {
  for (const dir of [-1, 1])
    page.drawLine({
      start: { x: cx + dir * 8, y },
      end: { x: cx + dir * halfWidth, y },
      thickness: 0.6,
      color: COLORS.gold,
    });
  page.drawSvgPath("M 0 -3.5 L 3.5 0 L 0 3.5 L -3.5 0 Z", { x: cx, y, color: COLORS.gold });
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

/** A rosette seal centred at (`cx`, `cy`), 44 pt in radius, for deployments without an emblem file. */
export function drawSeal(page: PDFPage, cx: number, cy: number): void {
  page.drawSvgPath(scallopPath(24, 38, 44), { x: cx, y: cy, color: COLORS.gold });
  page.drawCircle({ x: cx, y: cy, size: 34, color: COLORS.navy });
  page.drawCircle({ x: cx, y: cy, size: 31, borderColor: COLORS.goldLight, borderWidth: 0.8 });
  page.drawCircle({ x: cx, y: cy, size: 24, borderColor: COLORS.goldLight, borderWidth: 0.4 });
  for (let i = 0; i < 16; i++) {
    const a = (Math.PI * 2 * i) / 16;
    page.drawCircle({ x: cx + 27.5 * Math.cos(a), y: cy + 27.5 * Math.sin(a), size: 0.9, color: COLORS.goldLight });
  }
}
