/** RDFC-1.0 (https://www.w3.org/TR/rdf-canon/) for the fast canonicalizer's datasets (`./fast-canonize.ts`). */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Dataset, Quad } from "./fast-canonize-syntax";

const encoder = new TextEncoder();

/** One quad in canonical N-Quads form, with blank nodes labelled by `label`. */
function serialize(q: Quad, label: (b: number) => string): string {
  const s = typeof q.s === "number" ? label(q.s) : q.s;
  const o = typeof q.o === "number" ? label(q.o) : q.o;
  return `${s} ${q.p} ${o} .\n`;
}

/**
 * RDFC-1.0 §4.4 Canonicalization Algorithm, restricted to datasets where every blank node has a
 * unique first-degree hash (§4.6); returns null otherwise.
 */
export function canonicalNQuads(ds: Dataset): string | null {
  const n = ds.blankNodes;
  const labels: string[] = new Array<string>(n);
  if (n > 0) {
    // §4.4 step 2: blank node to quads map.
    const perNode: Quad[][] = [];
    for (let b = 0; b < n; b++) perNode.push([]);
    for (const q of ds.quads) {
      if (typeof q.s === "number") perNode[q.s]!.push(q);
      if (typeof q.o === "number" && q.o !== q.s) perNode[q.o]!.push(q);
    }
    // §4.4 step 5.3 / §4.6 Hash First Degree Quads: the reference node is _:a, others _:z; the
    // serialized quads are sorted and hashed (SHA-256, hex).
    const hashed: { hash: string; node: number }[] = [];
    for (let b = 0; b < n; b++) {
      const quads = perNode[b]!;
      if (quads.length === 0) continue;
      const lines = quads.map((q) => serialize(q, (x) => (x === b ? "_:a" : "_:z")));
      lines.sort();
      hashed.push({ hash: bytesToHex(sha256(encoder.encode(lines.join("")))), node: b });
    }
    // §4.4 step 5.4: issue canonical identifiers in hash order; a shared hash needs §4.8.
    hashed.sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
    for (let i = 0; i < hashed.length; i++) {
      const h = hashed[i]!;
      if (i > 0 && hashed[i - 1]!.hash === h.hash) return null;
      labels[h.node] = `_:c14n${i}`;
    }
  }
  // §4.4 step 7-8: relabel, serialize, sort (UTF-16 code unit order, as rdf-canonize does).
  const lines = ds.quads.map((q) => serialize(q, (b) => labels[b]!));
  lines.sort();
  let out = "";
  for (let i = 0; i < lines.length; i++) if (i === 0 || lines[i] !== lines[i - 1]) out += lines[i]!;
  return out;
}
