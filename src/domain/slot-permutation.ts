/**
 * Status-list slot allocation without reading the list: the n-th certificate of a list gets
 * index `permuteSlot(n, key)`, a keyed permutation of [0, size). Every counter value maps to a
 * distinct index (a bijection), so slots never collide, and without the list's key the index
 * says nothing about issue order: the herd privacy the Bitstring Status List asks for (§6.2,
 * "Group Privacy") without a random pick that must first load every used slot.
 *
 * A balanced Feistel network is a permutation of [0, 2^(2h)) whatever its round function;
 * cycle-walking (re-encrypting until the value falls below `size`) restricts it to [0, size)
 * and stays a bijection (Black & Rogaway, "Ciphers with Arbitrary Finite Domains", 2002).
 */

/** Rounds of the Feistel network: 4 suffice for a pseudorandom permutation (Luby–Rackoff). */
const ROUNDS = 4;

/** MurmurHash3's 32-bit finalizer: a cheap mixer with full avalanche. */
function fmix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The four 32-bit round keys of a list key (16 bytes as 32 hex digits). Null if malformed. */
export function parseSlotKey(hex: string): Uint32Array | null {
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  const k = new Uint32Array(ROUNDS);
  for (let i = 0; i < ROUNDS; i++) k[i] = Number.parseInt(hex.slice(i * 8, i * 8 + 8), 16);
  return k;
}

function feistel(x: number, key: Uint32Array, halfBits: number): number {
  const mask = (1 << halfBits) - 1;
  let left = x >>> halfBits;
  let right = x & mask;
  for (let r = 0; r < ROUNDS; r++) {
    const next = (left ^ fmix32(right ^ key[r]! ^ Math.imul(r + 1, 0x9e3779b9))) & mask;
    left = right;
    right = next;
  }
  return ((left << halfBits) | right) >>> 0;
}

/**
 * The index of the `counter`-th slot of a list (0 ≤ counter < size ≤ 2^30). Throws RangeError
 * outside that domain: callers allocate counters below `size`.
 */
export function permuteSlot(counter: number, key: Uint32Array, size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > 2 ** 30) throw new RangeError("size out of range");
  if (!Number.isInteger(counter) || counter < 0 || counter >= size) throw new RangeError("counter out of range");
  if (key.length !== ROUNDS) throw new RangeError("key must have 4 words");
  let bits = Math.max(2, Math.ceil(Math.log2(size)));
  if (bits % 2) bits += 1;
  const half = bits / 2;
  // The walk ends: the permutation's cycle through `counter` contains `counter` itself (< size).
  let x = feistel(counter, key, half);
  while (x >= size) x = feistel(x, key, half);
  return x;
}
