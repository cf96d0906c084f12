/**
 * domain/same-json.ts decides that a presented credential is a certificate's stored bytes, which
 * lets a verification reuse that certificate's earlier full check (services/verify-credential.ts):
 * it must say "same" exactly when the two parsed values are equal as JSON data.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameJson } from "../../src/domain/same-json";
import { runs } from "../support/fast-check-setup";

/** Equality of parsed JSON written another way: sorted own keys, numbers by `Object.is`. */
function reference(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null) return Object.is(a, b);
  if (typeof b !== "object" || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && reference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The same value with every object's keys in reverse order (JSON objects are unordered). */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (typeof v !== "object" || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).reverse())
    Object.defineProperty(out, k, {
      value: reordered((v as Record<string, unknown>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

// Keys include "__proto__", which JSON.parse makes an ordinary own key.
const key = fc.oneof(fc.constantFrom("id", "type", "__proto__", "name", "a"), fc.string({ maxLength: 3 }));
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, 1, "", "x"),
    fc.double({ noNaN: true }),
    fc.string({ maxLength: 4 }),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }),
  ),
})).value;
// Values that went through JSON text, as both sides do in the service.
const parsed = json.map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe("sameJson", () => {
  it("agrees with JSON equality on unrelated values", () => {
    fc.assert(
      fc.property(parsed, parsed, (a, b) => {
        expect(sameJson(a, b)).toBe(reference(a, b));
      }),
      runs(2000),
    );
  });

  it("is true for the same data with keys in another order, and false after any one change", () => {
    fc.assert(
      fc.property(parsed, (a) => {
        expect(sameJson(a, reordered(a))).toBe(true);
        const text = JSON.stringify(a);
        // One character of the JSON text changed, where the result still parses.
        for (let i = 0; i < text.length; i++) {
          let changed: unknown;
          try {
            changed = JSON.parse(text.slice(0, i) + (text[i] === "1" ? "2" : "1") + text.slice(i + 1));
          } catch {
            continue;
          }
          expect(sameJson(a, changed)).toBe(reference(a, changed));
        }
      }),
      runs(300),
    );
  });

  it("treats an own __proto__ key as data, not as the prototype", () => {
    const expected = JSON.parse('{"__proto__": {"admin": true}, "id": "x"}') as unknown;
    expect(sameJson(expected, JSON.parse('{"id": "x", "__proto__": {"admin": true}}'))).toBe(true);
    expect(sameJson(expected, JSON.parse('{"id": "x", "__proto__": {"admin": false}}'))).toBe(false);
    expect(sameJson(expected, { id: "x" })).toBe(false);
    expect(sameJson({ id: "x" }, JSON.parse('{"id": "x", "__proto__": {}}'))).toBe(false);
  });

  it("refuses an accessor in the presented value without running it", () => {
    let ran = 0;
    const actual = {};
    Object.defineProperty(actual, "id", {
      enumerable: true,
      get: () => {
        ran++;
        return "x";
      },
    });
    expect(sameJson({ id: "x" }, actual)).toBe(false);
    expect(ran).toBe(0);
    // A non-enumerable own property is not part of the JSON either.
    expect(sameJson({ id: "x" }, Object.defineProperty({}, "id", { value: "x" }))).toBe(false);
  });

  it("does not take an array for an object with index keys, or the reverse", () => {
    expect(sameJson(["a"], { 0: "a" })).toBe(false);
    expect(sameJson({ 0: "a" }, ["a"])).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });
});
