/** base64url through `btoa` gives exactly @scure/base's RFC 4648 §5 encoding without padding, and decodes back. */
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
});
