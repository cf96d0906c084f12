/** Text preparation and fitting: font choice for free text, shrinking and two-line wrapping of names. */
import type { TextMeasure } from "./font-embed";
import { BODY_FONTS, firstCoveringFont, fontCovers } from "./font-coverage";
import { normalizeName } from "./names";
import { hasMark } from "./plain-text";
import type { FontName } from "./types";

/**
 * Normalizes free text (achievement, venue, themes…) like a name and picks the first body font that
 * covers it; characters no font covers are replaced by "?" in the primary body font.
 */
export function prepareBodyText(text: string): { text: string; font: FontName } {
  const clean = normalizeName(text);
  const font = firstCoveringFont(clean, BODY_FONTS);
  if (font) return { text: clean, font };
  const primary = BODY_FONTS[0]!;
  const replaced = [...clean].map((c) => (fontCovers(primary, c.codePointAt(0)!) ? c : "?")).join("");
  return { text: replaced, font: primary };
}

/** A fitted block of one or two lines. */
export interface FittedText {
  lines: string[];
  size: number;
}

/** Candidate break points: after spaces; for text without spaces, every code point not followed by a mark. */
function breakPoints(text: string): number[] {
  const chars = [...text];
  const spaces: number[] = [];
  chars.forEach((c, i) => {
    if (c === " " && i > 0 && i < chars.length - 1) spaces.push(i);
  });
  if (spaces.length > 0) return spaces;
  const out: number[] = [];
  for (let i = 1; i < chars.length; i++) if (!hasMark(chars[i]!)) out.push(i);
  return out;
}

function splitAt(text: string, at: number): [string, string] {
  const chars = [...text];
  return [chars.slice(0, at).join("").trimEnd(), chars.slice(at).join("").trimStart()];
}

/**
 * Fits `text` into a `maxWidth` × `maxHeight` box: one line at the largest size from `maxSize` down to
 * `minSize`; otherwise two lines (balanced break), shrinking further as far as needed, so the text never
 * leaves the box. Widths are measured once at size 1 and scaled (text width is linear in size).
 */
export function fitText(
  text: string,
  font: TextMeasure,
  maxWidth: number,
  maxHeight: number,
  maxSize: number,
  minSize: number,
  lineGap = 1.15,
): FittedText {
  const unit = (s: string) => font.widthOfTextAtSize(s, 1);
  const heightAt1 = font.heightAtSize(1, { descender: true });
  const oneLineSize = Math.min(maxSize, maxWidth / Math.max(unit(text), 1e-6), maxHeight / heightAt1);
  if (oneLineSize >= minSize) return { lines: [text], size: floor2(oneLineSize) };

  let best: { lines: [string, string]; width: number } | undefined;
  for (const at of breakPoints(text)) {
    const lines = splitAt(text, at);
    const width = Math.max(unit(lines[0]), unit(lines[1]));
    if (!best || width < best.width) best = { lines, width };
  }
  if (!best) return { lines: [text], size: floor2(oneLineSize) };
  const twoLineSize = Math.min(maxSize, maxWidth / Math.max(best.width, 1e-6), maxHeight / (heightAt1 * (1 + lineGap)));
  return { lines: best.lines, size: floor2(twoLineSize) };
}

function floor2(n: number): number {
  return Math.floor(n * 100) / 100;
}

/** Greedy word wrap at spaces (long words are split by code points) for body paragraphs. */
export function wrapText(text: string, font: TextMeasure, size: number, maxWidth: number, maxLines: number): string[] {
  const width = (s: string) => font.widthOfTextAtSize(s, size);
  const lines: string[] = [];
  let current = "";
  const words = text.split(" ");
  for (let w = 0; w < words.length; w++) {
    let word = words[w]!;
    const candidate = current ? `${current} ${word}` : word;
    if (width(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = "";
    while (width(word) > maxWidth) {
      const chars = [...word];
      let n = chars.length - 1;
      while (n > 1 && width(chars.slice(0, n).join("")) > maxWidth) n--;
      lines.push(chars.slice(0, n).join(""));
      word = chars.slice(n).join("");
    }
    current = word;
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]!}…`;
  while (width(last) > maxWidth && last.length > 1) last = `${[...last].slice(0, -2).join("")}…`;
  kept[maxLines - 1] = last;
  return kept;
}
