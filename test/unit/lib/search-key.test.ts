import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeFileStem } from "../../../src/lib/file-name";
import { normaliseEmail, searchKey } from "../../../src/lib/search-key";

describe("searchKey", () => {
  it("ignores case, accents and compatibility forms in any script", () => {
    const same: [string, string][] = [
      ["Zoë Ångström", "zoe angstrom"],
      ["ΕΛΈΝΗ", "ελενη"],
      ["Straße", "STRASSE"],
      ["Ｋｉｍ", "kim"],
      ["Nguyễn Thị", "nguyen thi"],
      ["İstanbul", "istanbul"],
      ["  Kim   Min-jun ", "kim min-jun"],
    ];
    for (const [a, b] of same) expect([a, searchKey(a)]).toEqual([a, searchKey(b)]);
    expect(searchKey("김민준").includes(searchKey("민준"))).toBe(true);
    expect(searchKey("Ləman")).not.toBe(searchKey("Leman")); // ə is a letter, not e with a mark
  });

  it("equals SQLite lower() for trimmed, single-spaced printable ASCII (what migration 0013 fills)", () => {
    const ascii = fc.stringMatching(/^[\x21-\x7e]+( [\x21-\x7e]+)*$/).filter((s) => s.length <= 200);
    fc.assert(fc.property(ascii, (s) => searchKey(s) === s.replace(/[A-Z]/g, (c) => c.toLowerCase())));
  });

  it("emails compare trimmed and case-insensitively", () => {
    expect(normaliseEmail(" Zoe.Angstrom@Example.ORG ")).toBe("zoe.angstrom@example.org");
  });

  it("file stems keep any script and drop what file systems refuse", () => {
    expect(safeFileStem("김민준")).toBe("김민준");
    expect(safeFileStem("a/b\\c:d")).toBe("a_b_c_d");
    expect(safeFileStem("...hidden. ")).toBe("hidden");
    expect(safeFileStem("\u202Eevil")).toBe("evil");
    expect([...safeFileStem("ž".repeat(300))]).toHaveLength(80);
  });
});
