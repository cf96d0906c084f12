/** Measuring and splitting a name set in several fonts (one per script run, see font-coverage.ts). */
import type { FontRun } from "./font-coverage";
import { PLAIN_WHITE, isPlain } from "./plain-text";
import type { TextMeasure } from "./font-embed";
import type { FontName } from "./types";

const JOINS_PREVIOUS = /[\p{M}\s]/u;
/** A space or a mark: it joins the run before it. */
const joinsPrevious = (ch: string) => (isPlain(ch) ? PLAIN_WHITE.test(ch) : JOINS_PREVIOUS.test(ch));

/**
 * A {@link TextMeasure} for a name and any line cut from it: each character keeps the font its run in
 * the whole name has (spaces and marks join the run before them), so a line never needs a font the
 * name did not load.
 */
export class NameMeasure implements TextMeasure {
  private readonly fontOf = new Map<string, FontName>();

  constructor(
    nameRuns: readonly FontRun[],
    private readonly faces: ReadonlyMap<FontName, TextMeasure>,
  ) {
    for (const run of nameRuns)
      for (const ch of run.text) if (!joinsPrevious(ch) && !this.fontOf.has(ch)) this.fontOf.set(ch, run.font);
  }

  /** `text` (the name or a line of it) split into runs of one font each. */
  runs(text: string): FontRun[] {
    const out: FontRun[] = [];
    const first = [...text].find((c) => !joinsPrevious(c));
    let font: FontName = (first ? this.fontOf.get(first) : undefined) ?? this.faces.keys().next().value!;
    for (const ch of text) {
      if (!joinsPrevious(ch)) font = this.fontOf.get(ch) ?? font;
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += ch;
      else out.push({ text: ch, font });
    }
    return out;
  }

  widthOfTextAtSize(text: string, size: number): number {
    let w = 0;
    for (const run of this.runs(text)) w += this.faces.get(run.font)!.widthOfTextAtSize(run.text, size);
    return w;
  }

  heightAtSize(size: number, options?: { descender?: boolean }): number {
    let h = 0;
    for (const face of this.faces.values()) h = Math.max(h, face.heightAtSize(size, options));
    return h;
  }
}
