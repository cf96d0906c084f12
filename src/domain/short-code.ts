/**
 * Short human verification codes printed on certificates, e.g. `WEGO-7KQ4-M2XD`: seven random
 * characters and one check character in Crockford's base32 alphabet (no I, L, O or U, so nothing reads
 * as another character; https://www.crockford.com/base32.html), read back in any case, with or without
 * dashes, spaces or the `WEGO` prefix, and with O, I and L taken as 0, 1 and 1 as Crockford specifies.
 * The check character is the Luhn mod N algorithm over the alphabet (N = 32): it catches every single
 * mistyped character and every swap of two adjacent characters but one pair of values.
 * Pure: randomness comes from the caller.
 */
import { fail, ok, type Failure, type Result } from "../lib/result";

/** Crockford's base32 symbols, value = index. */
export const SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** Random characters per code: 35 bits, 34 billion codes. */
export const SHORT_CODE_DATA_LENGTH = 7;
const N = 32;

/** Luhn mod N check value of `values` (the data, most significant first). */
function checkValue(values: number[]): number {
  let factor = 2;
  let sum = 0;
  for (let i = values.length - 1; i >= 0; i--) {
    let addend = factor * values[i]!;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return (N - (sum % N)) % N;
}

/** `WEGO-XXXX-XXXX` from 7 data symbols (values 0–31); the check symbol is appended. */
export function formatShortCode(values: number[]): string {
  if (values.length !== SHORT_CODE_DATA_LENGTH || values.some((v) => !Number.isInteger(v) || v < 0 || v >= N))
    throw new RangeError("a short code has seven symbols of 0–31");
  const chars = [...values, checkValue(values)].map((v) => SHORT_CODE_ALPHABET[v]).join("");
  return `WEGO-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** A new code from random bytes (at least 7; each byte's low five bits are one symbol). */
export function newShortCode(random: Uint8Array): string {
  if (random.length < SHORT_CODE_DATA_LENGTH) throw new RangeError("seven random bytes needed");
  return formatShortCode([...random.subarray(0, SHORT_CODE_DATA_LENGTH)].map((b) => b & 31));
}

/** Why a typed code was not accepted (stable, for API error details). */
export type ShortCodeProblem = "empty" | "length" | "character" | "checksum";

/** Result of {@link parseShortCode}: the canonical code, or why not (never thrown). */
export type ShortCodeParse = Result<string, Failure<ShortCodeProblem>>;

const SEPARATORS = /[\s\-_.‐-―]/gu;

/**
 * Reads a typed code: case, dashes, spaces and the `WEGO` prefix do not matter; O → 0, I/L → 1.
 * Returns the canonical `WEGO-XXXX-XXXX` form, or why the text is not a valid code.
 */
export function parseShortCode(input: string): ShortCodeParse {
  let s = String(input).toUpperCase().replace(SEPARATORS, "");
  if (s.length === 0) return fail({ code: "empty", message: "the code is empty" });
  if (s.startsWith("WEGO") && s.length === 12) s = s.slice(4);
  if (s.length !== 8)
    return fail({ code: "length", message: "a code has eight characters after WEGO, like WEGO-7KQ4-M2XD" });
  s = s.replace(/O/g, "0").replace(/[IL]/g, "1");
  const values = [...s].map((c) => SHORT_CODE_ALPHABET.indexOf(c));
  if (values.some((v) => v < 0))
    return fail({ code: "character", message: "the code has a character that codes never use" });
  const data = values.slice(0, SHORT_CODE_DATA_LENGTH);
  if (checkValue(data) !== values[SHORT_CODE_DATA_LENGTH])
    return fail({ code: "checksum", message: "the code is mistyped (its check character does not match)" });
  return ok(formatShortCode(data));
}

/** Whether a text looks like an attempt at a short code (so /verify can say "mistyped" instead of "unreadable"). */
export function looksLikeShortCode(input: string): boolean {
  const s = String(input).toUpperCase().replace(SEPARATORS, "");
  return /^(WEGO)?[0-9A-Z]{8}$/.test(s);
}
