/**
 * base64url through `btoa` and `atob` gives exactly @scure/base's RFC 4648 §5 encoding without
 * padding, decodes back, and accepts and refuses exactly the strings its strict decoder does.
 */
import fc from "fast-check";
import { base64urlnopad } from "@scure/base";
import { describe, expect, it } from "vitest";
import { base64urlDecode, base64urlEncode } from "../../../src/lib/encoding";
import { runs } from "../../support/fast-check-setup";

describe("base64url", () => {
  it("RFC 4648 §10 test vectors, in the URL-safe alphabet without padding", () => {
    const vectors = ["", "f", "fo", "foo", "foob", "fooba", "foobar"].map((s) =>
      base64urlEncode(new TextEncoder().encode(s)),
    );
    expect(vectors).toEqual(["", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"]);
    expect(base64urlEncode(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe("-__-");
  });

  it("equals the library's encoding for any bytes, and across the 32 KiB chunks", () => {
    const same = (bytes: Uint8Array) => {
      const text = base64urlEncode(bytes);
      expect(text).toBe(base64urlnopad.encode(bytes));
      expect(base64urlDecode(text)).toEqual(bytes);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), same), runs(300));
    for (const n of [0x8000 - 1, 0x8000, 0x8000 + 1, 0x10000 + 2])
      same(Uint8Array.from({ length: n }, (_, i) => (i * 131 + (i >> 7)) & 0xff));
  });

  /** The library's strict decoder as the reference: its bytes, or null where it throws. */
  const reference = (text: string): Uint8Array | null => {
    try {
      return base64urlnopad.decode(text);
    } catch {
      return null;
    }
  };

  it("accepts and refuses exactly what @scure/base's strict decoder does", () => {
    // Mostly the alphabet, with the characters a lenient decoder lets through: padding, the
    // standard alphabet's + and /, whitespace, and a non-ASCII letter.
    const char = fc.oneof(
      { weight: 20, arbitrary: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") },
      { weight: 1, arbitrary: fc.constantFrom("=", "+", "/", " ", "\n", "é", ".") },
    );
    const same = (text: string) => {
      expect(base64urlDecode(text)).toEqual(reference(text));
    };
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 40 }).map((cs) => cs.join("")),
        same,
      ),
      runs(2000),
    );
  });

  it("refuses non-canonical leftover bits, impossible lengths and padding (RFC 4648 §3.5)", () => {
    // "Zg" is "f"; "Zh" to "Zv" differ only in the 4 spare bits. "Zm8" is "fo"; "Zm9" only in the 2.
    expect(base64urlDecode("Zg")).toEqual(new Uint8Array([0x66]));
    for (const text of ["Zh", "Zv", "Z_", "Zm9", "Zm-", "Z", "Zm9vY", "Zg==", "Zm8=", "Zm9v\n"]) {
      expect(base64urlDecode(text), text).toBeNull();
      expect(reference(text), text).toBeNull();
    }
  });
});
