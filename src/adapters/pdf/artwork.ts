/**
 * The certificate's vector artwork as content-stream operators, recorded from pdf-lib's drawing
 * (design.ts). Run at generation time only (scripts/gen-artwork.mjs writes artwork.generated.ts, which
 * the renderer uses, so rendering never loads pdf-lib); test/unit/pdf-artwork.test.ts checks the two agree.
 */
import { PDFContentStream, PDFDocument, type PDFRef } from "pdf-lib";
import { COLORS, drawFrame, drawRule, drawSeal } from "./design";
import { BOTTOM_BASELINE, CX, EMBLEM, PAGE_SIZE, SIGNATURE } from "./layout";

/** Artwork operators (frame, rules, and the drawn seal when there is no emblem) recorded from pdf-lib. */
export async function artworkOperators(seal: boolean): Promise<string> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage(PAGE_SIZE);
  drawFrame(page);
  drawRule(page, CX, 446, 150);
  page.drawLine({ start: { x: CX - 220, y: 300 }, end: { x: CX + 220, y: 300 }, thickness: 0.8, color: COLORS.gold });
  const sig = { x1: SIGNATURE.cx - SIGNATURE.width / 2, x2: SIGNATURE.cx + SIGNATURE.width / 2, y: 108 };
  page.drawLine({ start: { x: sig.x1, y: sig.y }, end: { x: sig.x2, y: sig.y }, thickness: 0.7, color: COLORS.navy });
  if (seal) drawSeal(page, CX, BOTTOM_BASELINE + EMBLEM.size / 2);
  const contents = page.node.Contents();
  const refs = contents ? ("asArray" in contents ? contents.asArray() : [contents]) : [];
  let ops = "";
  for (const r of refs) {
    const stream = doc.context.lookup(r as PDFRef);
    if (stream instanceof PDFContentStream) ops += stream.getContentsString();
  }
  return ops;
}
