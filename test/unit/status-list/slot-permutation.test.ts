/** The keyed slot permutation: a bijection of [0, size), keyed, and refusing out-of-domain input. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSlotKey, permuteSlot } from "../../../src/domain/slot-permutation";
import { STATUS_LIST_SIZE } from "../../../src/domain/status-list";
import { runs } from "../../support/fast-check-setup";

const KEY = parseSlotKey("00112233445566778899aabbccddeeff")!;
const hexKey = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString("hex"));

describe("permuteSlot", () => {
  it("maps the 131,072 counters of a status list onto 131,072 distinct indices", () => {
    const seen = new Uint8Array(STATUS_LIST_SIZE);
    for (let c = 0; c < STATUS_LIST_SIZE; c++) {
      const i = permuteSlot(c, KEY, STATUS_LIST_SIZE);
      expect(i >= 0 && i < STATUS_LIST_SIZE).toBe(true);
      seen[i]!++;
    }
    expect(seen.every((n) => n === 1)).toBe(true);
  });

  it("is a bijection for any key and any size, including odd and tiny ones", () => {
    fc.assert(
      fc.property(hexKey, fc.integer({ min: 1, max: 3000 }), (hex, size) => {
        const key = parseSlotKey(hex)!;
        const out = new Set<number>();
        for (let c = 0; c < size; c++) out.add(permuteSlot(c, key, size));
        expect(out.size).toBe(size);
        expect(Math.max(...out)).toBe(size - 1);
      }),
      runs(30),
    );
  });

  it("does not reveal issue order: consecutive counters land far apart, and keys give different orders", () => {
    const first = Array.from({ length: 1000 }, (_, c) => permuteSlot(c, KEY, STATUS_LIST_SIZE));
    // Sequential allocation would give 0..999; a permutation keeps only ~1000²/131072 ≈ 8 of them below 1000.
    expect(first.filter((i) => i < 1000).length).toBeLessThan(40);
    const other = parseSlotKey("ffeeddccbbaa99887766554433221100")!;
    const second = Array.from({ length: 1000 }, (_, c) => permuteSlot(c, other, STATUS_LIST_SIZE));
    expect(second.filter((v, c) => v === first[c]).length).toBeLessThan(5);
  });

  it("refuses counters outside the list and malformed keys", () => {
    expect(() => permuteSlot(STATUS_LIST_SIZE, KEY, STATUS_LIST_SIZE)).toThrow(RangeError);
    expect(() => permuteSlot(-1, KEY, STATUS_LIST_SIZE)).toThrow(RangeError);
    expect(() => permuteSlot(1.5, KEY, STATUS_LIST_SIZE)).toThrow(RangeError);
    expect(parseSlotKey("00112233")).toBeNull();
    expect(parseSlotKey("00112233445566778899AABBCCDDEEFF")).toBeNull();
  });
});
