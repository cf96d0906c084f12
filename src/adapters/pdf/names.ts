/** Name normalization and the "can we draw this name?" check used at issue time and before rendering. */
import { NAME_FONTS, fontCovers, fontRuns, nameFonts } from "./font-coverage";
import { PLAIN_FORMAT, PLAIN_SPACES, hasMark, isPlain } from "./plain-text";
import { unprintableReason } from "./script-names";
import type { NameCheck, NameProblemCode, TextDirection } from "./types";

/** Longest name accepted, in code points after normalization. */
export const MAX_NAME_CODE_POINTS = 200;
/** Raw inputs longer than this (UTF-16 units) are rejected before any normalization work. */
const MAX_RAW_LENGTH = 4_000;

/**
 * Scripts whose shaping ZWNJ/ZWJ select (Unicode 15.1 §23.2, "Cursive Connection and Ligatures"; §12.2
 * Devanagari half forms and eyelash ra; §13.2 Sinhala yansaya, rakaransaya and touching letters).
 */
const JOINER_SCRIPT =
  "\\p{Script=Arabic}\\p{Script=Devanagari}\\p{Script=Bengali}\\p{Script=Gurmukhi}\\p{Script=Gujarati}\\p{Script=Oriya}" +
  "\\p{Script=Tamil}\\p{Script=Telugu}\\p{Script=Kannada}\\p{Script=Malayalam}\\p{Script=Sinhala}\\p{Script=Khmer}\\p{Script=Myanmar}";
/** A ZWNJ/ZWJ with no character of a {@link JOINER_SCRIPT} on either side: invisible and meaningless there. */
const STRAY_JOINER = new RegExp(`(?<![${JOINER_SCRIPT}])[\\u200C\\u200D](?![${JOINER_SCRIPT}])`, "gu");
/** Format characters (bidi controls and overrides, BOM, soft hyphen, …) except ZWNJ/ZWJ, lone surrogates. */
const STRIPPED = /(?![\u200C\u200D])[\p{Cf}\p{Cs}]/gu;
/** Controls and every kind of space or line/paragraph separator become one plain space. */
const SPACES = /[\p{Cc}\p{Z}\s]+/gu;
const RTL_LETTER = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const LTR_LETTER = /(?![\p{Script=Arabic}\p{Script=Hebrew}])\p{L}/u;
/** Characters whose order or shape the simple right-to-left path cannot get right. */
const RTL_UNSAFE = /[\p{N}()[\]{}<>«»‹›]/u;

/**
 * Normalizes a name for printing: removes control, bidi-control/override and other invisible format
 * characters (U+200E/F, U+202A–202E, U+2066–2069, U+061C, BOM, soft hyphen…; ZWNJ/ZWJ are kept only next
 * to a letter or mark of a script whose shaping they select, such as the ZWJ of Sinhala ප්‍ර), turns newlines, tabs and any other spaces into one
 * space, trims, and applies Unicode NFC.
 */
export function normalizeName(name: string): string {
  // (The same steps for plain text, without the Unicode-property expressions: see plain-text.ts.)
  if (isPlain(name)) return name.replace(PLAIN_FORMAT, "").replace(PLAIN_SPACES, " ").trim();
  const out = name.replace(STRIPPED, "").replace(SPACES, " ").replace(STRAY_JOINER, "");
  return out.normalize("NFC").replace(SPACES, " ").trim();
}

function problem(code: NameProblemCode, reason: string): NameCheck {
  return { ok: false, code, reason, field: "recipient.name" };
}

/** Scripts the bundled fonts print (a character of these that no font has is a rare one). */
const PRINTED_SCRIPT =
  /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gujarati}\p{Script=Gurmukhi}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Georgian}\p{Script=Armenian}\p{Script=Ethiopic}]/u;

/**
 * Decides whether a name can be drawn correctly with the bundled fonts, without throwing.
 * On success returns the normalized name, the font to use and the direction; otherwise a stable
 * `code` and a human `reason` for a 400 on `recipient.name`. Rejected: empty after normalization,
 * more than {@link MAX_NAME_CODE_POINTS} code points, only combining marks or a leading mark, names that
 * mix right-to-left letters with left-to-right letters, digits or brackets (no full bidi support),
 * and characters no bundled font covers (emoji, private use, unassigned, rare scripts).
 */
export function checkRenderableName(raw: string): NameCheck {
  if (typeof raw !== "string") return problem("empty", "the name must be a string");
  if (raw.length > MAX_RAW_LENGTH)
    return problem("too-long", `the name is longer than ${MAX_NAME_CODE_POINTS} characters`);
  const name = normalizeName(raw);
  const chars = [...name];
  if (chars.length === 0) return problem("empty", "the name is empty (after removing invisible characters)");
  if (chars.length > MAX_NAME_CODE_POINTS)
    return problem("too-long", `the name is longer than ${MAX_NAME_CODE_POINTS} characters`);
  const visible = chars.filter((c) => c !== " ");
  if (visible.every((c) => hasMark(c)))
    return problem("only-combining-marks", "the name contains only combining marks");
  if (chars.some((c, i) => hasMark(c) && (i === 0 || chars[i - 1] === " ")))
    return problem("leading-combining-mark", "a word of the name starts with a combining mark");

  let direction: TextDirection = "ltr";
  if (!isPlain(name) && RTL_LETTER.test(name)) {
    if (LTR_LETTER.test(name) || RTL_UNSAFE.test(name))
      return problem(
        "mixed-direction",
        "right-to-left names may contain only Arabic or Hebrew letters, marks, spaces and simple punctuation " +
          "(no Latin letters, digits or brackets)",
      );
    direction = "rtl";
  }

  const runs = fontRuns(name, nameFonts(name));
  // Right-to-left names are shaped as one run (no bidi reordering between fonts).
  if (!runs || (direction === "rtl" && runs.length > 1)) {
    const missing = [...new Set(chars)].filter((c) => !NAME_FONTS.some((f) => fontCovers(f, c.codePointAt(0)!)));
    return problem(
      "unsupported-characters",
      missing.length > 0
        ? unprintableReason(missing, (c) => PRINTED_SCRIPT.test(c))
        : "the name mixes scripts in a way the certificate cannot print",
    );
  }
  return { ok: true, name, font: runs[0]!.font, runs, direction };
}
