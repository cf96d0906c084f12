/** Changing any field of an issued credential must make verification fail (never a 500). */
import { describe, expect, it } from "vitest";
import { issue, verify } from "../support/api";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every leaf path of a JSON value, as key lists. */
function leaves(v: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leaves(x, [...path, i]));
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [path];
}

function mutate(doc: Json, path: (string | number)[]): Json {
  const copy = structuredClone(doc) as any;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  const last = path[path.length - 1]!;
  const v = o[last];
  o[last] =
    typeof v === "string"
      ? v.length
        ? v.slice(0, -1) + (v.endsWith("X") ? "Y" : "X")
        : "X"
      : typeof v === "boolean"
        ? !v
        : 7;
  return copy;
}

describe("tampering", () => {
  it("every single-field change of an issued credential fails verification", async () => {
    const { credential } = await issue("Ελένη Παπαδοπούλου", "champions-2023-workshop-athens", {
      validUntil: "2099-12-31T00:00:00Z",
    });
    const paths = leaves(credential as Json);
    expect(paths.length).toBeGreaterThan(25);
    for (const p of paths) {
      const { status, body } = await verify(mutate(credential as Json, p));
      expect([p.join("."), status, body.verified]).toEqual([p.join("."), 400, false]);
      expect(body.errors.length).toBeGreaterThan(0);
    }
  });

  it("added, removed and reordered content fails; the untouched credential verifies", async () => {
    const { credential } = await issue();
    const c = credential as any;
    const cases: unknown[] = [
      { ...c, description: "added" },
      {
        ...c,
        credentialSubject: { ...c.credentialSubject, achievement: { ...c.credentialSubject.achievement, tag: [] } },
      },
      (({ validFrom: _v, ...rest }) => rest)(c),
      (({ proof: _p, ...rest }) => rest)(c),
      { ...c, proof: [{ ...c.proof[0], proofValue: "z" + "1".repeat(10) }] },
      { ...c, proof: [{ ...c.proof[0], proofValue: c.proof[0].proofValue.slice(0, -2) }] },
      { ...c, proof: [{ ...c.proof[0], verificationMethod: c.proof[0].verificationMethod + "x" }] },
      { ...c, proof: [{ ...c.proof[0], created: "2999-01-01T00:00:00Z" }] },
      { ...c, proof: [{ ...c.proof[0], cryptosuite: "eddsa-jcs-2022" }] },
      { ...c, proof: c.proof[0] },
      { ...c, proof: [c.proof[0], c.proof[0]] },
      { ...c, issuer: { ...c.issuer, id: "did:web:evil.example" } },
      { ...c, "@context": [...c["@context"], "https://evil.example/context.json"] },
      { ...c, credentialSubject: { ...c.credentialSubject, undefinedTerm: "x" } },
    ];
    for (const doc of cases) {
      const { status, body } = await verify(doc);
      expect(status).toBe(400);
      expect(body.verified).toBe(false);
    }
    expect((await verify(c)).body.verified).toBe(true);
  });
});
