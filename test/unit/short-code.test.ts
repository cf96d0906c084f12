import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  SHORT_CODE_ALPHABET,
  formatShortCode,
  looksLikeShortCode,
  newShortCode,
  parseShortCode,
} from "../../src/domain/short-code";
import { runs } from "../support/fast-check-setup";

const symbols = fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 7, maxLength: 7 });

describe("short verification codes", () => {
  it("look like WEGO-XXXX-XXXX in Crockford's base32 (no I, L, O, U)", () => {
    const code = newShortCode(new Uint8Array([1, 2, 3, 200, 255, 31, 64]));
    expect(code).toMatch(/^WEGO-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(SHORT_CODE_ALPHABET).toHaveLength(32);
    expect(SHORT_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it("round-trip: typed in any case, with or without dashes, spaces or the prefix (property)", () => {
    fc.assert(
      fc.property(symbols, fc.boolean(), fc.boolean(), fc.constantFrom("", " ", "-", "  "), (v, lower, prefix, sep) => {
        const code = formatShortCode(v);
        let typed = code.replace(/-/g, sep);
        if (!prefix) typed = typed.replace(/^WEGO\s*/, "").replace(/^[-\s]+/, "");
        if (lower) typed = typed.toLowerCase();
        expect(parseShortCode(typed)).toEqual({ ok: true, value: code });
      }),
      runs(300),
    );
  });

  it("reads O as 0 and I or L as 1 (Crockford)", () => {
    const code = formatShortCode([0, 1, 0, 1, 2, 3, 4]);
    const typed = code.replace("WEGO-", "").replace(/0/g, "o").replace(/1/g, "l");
    expect(parseShortCode(typed)).toEqual({ ok: true, value: code });
  });

  it("catches every single mistyped character (exhaustive over position and symbol)", () => {
    fc.assert(
      fc.property(symbols, (v) => {
        const chars = formatShortCode(v).replace(/-/g, "").slice(4).split("");
        for (let i = 0; i < chars.length; i++)
          for (const s of SHORT_CODE_ALPHABET) {
            if (s === chars[i]) continue;
            const typo = [...chars];
            typo[i] = s;
            expect(parseShortCode(typo.join(""))).toMatchObject({ ok: false, error: { code: "checksum" } });
          }
      }),
      runs(40),
    );
  });

  it("catches swaps of adjacent characters, except the one pair Luhn mod 32 cannot tell apart", () => {
    let missed = 0;
    let swaps = 0;
    fc.assert(
      fc.property(symbols, (v) => {
        const chars = formatShortCode(v).replace(/-/g, "").slice(4).split("");
        for (let i = 0; i + 1 < chars.length; i++) {
          if (chars[i] === chars[i + 1]) continue;
          const swapped = [...chars];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
          swaps++;
          const r = parseShortCode(swapped.join(""));
          if (r.ok) {
            missed++;
            // Luhn mod N misses only the swap of the symbols valued 0 and N-1 ("0" and "Z").
            expect([chars[i], chars[i + 1]].sort()).toEqual(["0", "Z"]);
          }
        }
      }),
      runs(300),
    );
    expect(swaps).toBeGreaterThan(1000);
    expect(missed / swaps).toBeLessThan(0.01);
  });

  it("refuses text that is not a code, with a reason", () => {
    expect(parseShortCode("")).toMatchObject({ ok: false, error: { code: "empty" } });
    expect(parseShortCode("WEGO-7KQ4-M2X")).toMatchObject({ ok: false, error: { code: "length" } });
    expect(parseShortCode("WEGO-7KQ4-M2XU")).toMatchObject({ ok: false, error: { code: "character" } });
    expect(looksLikeShortCode("wego 7kq4 m2xd")).toBe(true);
    expect(looksLikeShortCode("https://example.org/c/x")).toBe(false);
  });
});
