/**
 * Download file names: the written-out unsafe-character class equals `[\p{Cc}\p{Cf}]` plus the
 * file-system characters for every code point, and the plain-ASCII path gives the same header as
 * the general rules (test/unit/lib/content-disposition-reference.ts) for any name.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { certificateFileName, contentDisposition, unsafeInFileName } from "../../../src/lib/content-disposition";
import * as reference from "./content-disposition-reference";
import { runs } from "../../support/fast-check-setup";

describe("download file names", () => {
  it('leaves out exactly the controls, format characters and \\ / : * ? " < > |', () => {
    const differ: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (unsafeInFileName(c) !== /^[\\/:*?"<>|\p{Cc}\p{Cf}]$/u.test(c)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it("gives the same name and header as the general rules, ASCII or not", () => {
    const names = fc.oneof(
      fc.string({ unit: fc.constantFrom(..."abcAZ09 -'.\\/:*?\"<>|%()") }),
      fc.string({ unit: "grapheme" }),
      fc.string({ unit: "binary" }),
      fc.constantFrom("Ana Souza", "  Łukasz   Żółć  ", "김민준", "Zoë\u200bO'Brien", "a".repeat(200), ""),
    );
    fc.assert(
      fc.property(names, (name) => {
        expect(certificateFileName(name, "pdf")).toBe(reference.certificateFileName(name, "pdf"));
        const file = certificateFileName(name, "pdf");
        expect(contentDisposition("attachment", file, "wego-certificate-x.pdf")).toBe(
          reference.contentDisposition("attachment", file, "wego-certificate-x.pdf"),
        );
      }),
      runs(500),
    );
  });
});
