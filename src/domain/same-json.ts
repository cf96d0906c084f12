/**
 * Structural equality of two JSON values, walking `expected` (our own, bounded) in lockstep with
 * `actual` (untrusted), so the work is bounded by the size of `expected` whatever `actual` holds.
 * Objects compare by their own enumerable keys regardless of order; `__proto__` as an own key (as
 * `JSON.parse` creates it) is an ordinary key. Pure.
 */
export function sameJson(expected: unknown, actual: unknown): boolean {
  if (expected === null || typeof expected !== "object") return Object.is(expected, actual);
  if (actual === null || typeof actual !== "object") return false;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    for (let i = 0; i < expected.length; i++) if (!sameJson(expected[i], actual[i])) return false;
    return true;
  }
  if (Array.isArray(actual)) return false;
  const keys = Object.keys(expected);
  let actualKeys: string[];
  try {
    actualKeys = Object.keys(actual);
  } catch {
    return false;
  }
  if (actualKeys.length !== keys.length) return false;
  for (const k of keys) {
    // `expected` is ours: a plain read of its own key (an own `__proto__` shadows the accessor).
    const e = (expected as Record<string, unknown>)[k];
    const a = Object.getOwnPropertyDescriptor(actual, k);
    if (!a || !("value" in a) || !a.enumerable || !sameJson(e, a.value)) return false;
  }
  return true;
}
