/**
 * POST /credentials/verify skips the data model and JSON Schema checks for a credential equal, as
 * JSON, to stored bytes this isolate verified in full (services/verify-credential.ts provenIfEqual):
 * the answer must be exactly what a full check gives, for the equal credential and for every near
 * copy, which must not borrow the stored bytes' answers.
 */
import { describe, expect, it } from "vitest";
import { forgetProven, provenKeyOf, storedDigest } from "../../src/services/proven-signatures";
import { client, testDeps, workerEnv } from "../support/deps";

type Json = Record<string, any>;
type Check = { check: string; status: string; code: string };
type Outcome = { verified: boolean; checks: Check[] };

/** The same JSON with every object's keys in reverse order. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reordered(x)]),
  );
}

describe("POST /credentials/verify: a credential equal to proven stored bytes", () => {
  it("answers exactly as a full check does, for the equal credential and for near copies", async () => {
    const app = client(await testDeps());
    const issued = await app.post("/admin/certificates", {
      recipient: { name: "Proven Input", email: "proven-input@example.org" },
      achievementId: "champions-2023-online",
    });
    expect(issued.status).toBe(201);
    const { id, credential } = await issued.json<{ id: string; credential: Json }>();
    const row = await workerEnv.DB.prepare("SELECT credential FROM certificates WHERE id = ?")
      .bind(id)
      .first<{ credential: string }>();
    const digest = await storedDigest(row!.credential);
    const verify = async (vc: unknown): Promise<Outcome> => {
      const res = await app.post("/credentials/verify", { verifiableCredential: vc });
      const body = await res.json<{ verified: boolean; checks: Check[] }>();
      return {
        verified: body.verified,
        checks: body.checks.map(({ check, status, code }) => ({ check, status, code })),
      };
    };
    const copies: [string, Json][] = [
      ["equal", structuredClone(credential)],
      ["keys in another order", reordered(credential) as Json],
      ["an extra top-level member", { ...credential, extra: 1 }],
      ["another name", { ...credential, credentialSubject: { ...credential.credentialSubject, name: "Someone Else" } }],
      ["a number for the name", { ...credential, name: 7 }],
      ["validFrom as a date only", { ...credential, validFrom: String(credential.validFrom).slice(0, 10) }],
      ["no @context", { ...credential, "@context": undefined }],
    ];
    const withProven: Outcome[] = [];
    for (const [, copy] of copies) {
      // The stored bytes proven in this isolate before each near copy is verified.
      expect((await verify(credential)).verified).toBe(true);
      expect(provenKeyOf(digest)).toBeDefined();
      withProven.push(await verify(copy));
    }
    const full: Outcome[] = [];
    for (const [, copy] of copies) {
      forgetProven();
      full.push(await verify(copy));
    }
    copies.forEach(([what], i) => expect(withProven[i], what).toEqual(full[i]));
    expect(withProven[0]!.verified).toBe(true);
    expect(withProven[1]!.verified).toBe(true);
    for (let i = 2; i < copies.length; i++) expect(withProven[i]!.verified, copies[i]![0]).toBe(false);
    // The near copies fail on the rule they break, not on the record: the checks ran for them.
    expect(withProven[2]!.checks.find((c) => c.check === "format")?.code).toMatch(/^ERR_(FORMAT|DATA_MODEL)$/);
    expect(withProven[4]!.checks.find((c) => c.check === "format")?.code).toMatch(/^ERR_(FORMAT|DATA_MODEL)$/);
  });
});
