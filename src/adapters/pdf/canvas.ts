/** One page's variable content: text in embedded fonts (shaped where needed), lines and images. */
import type { RGB } from "pdf-lib";
import { type FontFace, loadFace } from "./font-embed";
import { FontUse } from "./font-use";
import { NameMeasure } from "./name-runs";
import { num } from "./pdf-number";
import { fitText, prepareBodyText, wrapText } from "./text";
import type { FontName, FontSource, NameCheck } from "./types";

/** A page-wide colour operand triple. */
export function rgbOp(c: RGB): string {
  return `${num(c.red)} ${num(c.green)} ${num(c.blue)}`;
}

/** A font, or "body": the first body font that covers the text (see text.ts). */
export type FontChoice = FontName | "body";

/** Collects content-stream operators and the fonts and images they use. */
export class Canvas {
  ops = "";
  private readonly uses = new Map<FontName, FontUse>();
  /** Image resources used: resource name → key given by the caller. */
  readonly images = new Map<string, string>();

  constructor(
    private readonly fonts: FontSource,
    preloaded: FontFace[],
  ) {
    for (const face of preloaded) this.uses.set(face.name, new FontUse(face, `F${this.uses.size + 1}`));
  }

  async font(name: FontName): Promise<FontUse> {
    let use = this.uses.get(name);
    if (!use) {
      use = new FontUse(await loadFace(this.fonts, name), `F${this.uses.size + 1}`);
      // (another call may have added it while this one was loading)
      if (!this.uses.has(name)) this.uses.set(name, use);
      use = this.uses.get(name)!;
    }
    return use;
  }

  fontUses(): FontUse[] {
    return [...this.uses.values()];
  }

  text(use: FontUse, text: string, x: number, y: number, size: number, color: RGB): void {
    const shown = use.show(text, size, x, y);
    this.ops += `q\nBT\n${rgbOp(color)} rg\n/${use.resource} ${num(size)} Tf\n${shown.text}ET\n`;
    this.ops += shown.paths ? `${shown.paths}Q\n` : "Q\n";
  }

  /** The font use for `text`, its face ready to lay the text (and any part of it) out. */
  private async prepared(text: string, font: FontChoice): Promise<{ use: FontUse; text: string }> {
    const p = font === "body" ? prepareBodyText(text) : { text, font };
    const use = await this.font(p.font);
    await use.face.ready(p.text);
    return { use, text: p.text };
  }

  /** Width of `text` at `size` in `font`. */
  async width(text: string, size: number, font: FontChoice): Promise<number> {
    const p = await this.prepared(text, font);
    return p.use.face.widthOfTextAtSize(p.text, size);
  }

  /** One line centred on `cx`, shrunk below `size` only if wider than `maxWidth`. */
  async centred(text: string, cx: number, y: number, size: number, font: FontChoice, color: RGB, maxWidth = 680) {
    const p = await this.prepared(text, font);
    const width = p.use.face.widthOfTextAtSize(p.text, 1);
    const s = Math.min(size, maxWidth / Math.max(width, 1e-6));
    this.text(p.use, p.text, cx - (width * s) / 2, y, s, color);
  }

  /** Centred, word-wrapped lines (at most `maxLines`, the last ellipsized); returns the next line's y. */
  async paragraph(text: string, cx: number, y: number, size: number, color: RGB, maxLines: number, maxWidth = 600) {
    const p = await this.prepared(text, "body");
    for (const line of wrapText(p.text, p.use.face, size, maxWidth, maxLines)) {
      this.text(p.use, line, cx - p.use.face.widthOfTextAtSize(line, size) / 2, y, size, color);
      y -= size * 1.4;
    }
    return y;
  }

  /** One line ending at `right` (or starting at `left` when `align` is "left"). */
  async aligned(
    text: string,
    align: "left" | "right",
    x: number,
    y: number,
    size: number,
    font: FontChoice,
    color: RGB,
  ) {
    const p = await this.prepared(text, font);
    const w = align === "right" ? p.use.face.widthOfTextAtSize(p.text, size) : 0;
    this.text(p.use, p.text, x - w, y, size, color);
  }

  line(x1: number, x2: number, y: number, thickness: number, color: RGB): void {
    this.ops += `q\n${rgbOp(color)} RG\n${num(thickness)} w\n${num(x1)} ${num(y)} m\n${num(x2)} ${num(y)} l\nS\nQ\n`;
  }

  /** Draws image resource `/Im<n>` (registered under `key`) into the box, keeping its aspect ratio, centred. */
  image(key: string, size: { width: number; height: number }, box: { x: number; y: number; w: number; h: number }) {
    let resource = [...this.images].find(([, k]) => k === key)?.[0];
    if (!resource) this.images.set((resource = `Im${this.images.size + 1}`), key);
    const scale = Math.min(box.w / size.width, box.h / size.height);
    const [w, h] = [size.width * scale, size.height * scale];
    const [x, y] = [box.x + (box.w - w) / 2, box.y + (box.h - h) / 2];
    this.ops += `q\n${num(w)} 0 0 ${num(h)} ${num(x)} ${num(y)} cm\n/${resource} Do\nQ\n`;
  }

  /**
   * The participant's name centred in a box: one line shrunk to fit, else two balanced lines, each
   * line set in runs of the fonts the name needs (see {@link NameMeasure}).
   */
  async name(
    check: Extract<NameCheck, { ok: true }>,
    box: { cx: number; width: number; bottom: number; height: number },
    maxSize: number,
    minSize: number,
    color: RGB,
  ): Promise<void> {
    const uses = new Map<FontName, FontUse>();
    for (const run of check.runs) {
      if (!uses.has(run.font)) uses.set(run.font, await this.font(run.font));
      await uses.get(run.font)!.face.ready(run.text);
    }
    const measure = new NameMeasure(check.runs, new Map([...uses].map(([n, u]) => [n, u.face])));
    const fitted = fitText(check.name, measure, box.width, box.height, maxSize, minSize);
    const lineHeight = fitted.size * 1.15;
    const ascent = measure.heightAtSize(fitted.size, { descender: false });
    const block = measure.heightAtSize(fitted.size, { descender: true }) + lineHeight * (fitted.lines.length - 1);
    let y = box.bottom + (box.height + block) / 2 - ascent;
    for (const line of fitted.lines) {
      let x = box.cx - measure.widthOfTextAtSize(line, fitted.size) / 2;
      for (const run of measure.runs(line)) {
        const use = uses.get(run.font)!;
        this.text(use, run.text, x, y, fitted.size, color);
        x += use.face.widthOfTextAtSize(run.text, fitted.size);
      }
      y -= lineHeight;
    }
  }
}
