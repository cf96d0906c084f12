/**
 * Red team: cost of one public request. SECURITY.md promises "bounded cost on public inputs":
 * the closed schema bounds structure "before anything else". But the validator runs with
 * shortCircuit=false, so it walks every item of an over-long array (maxItems does not stop it)
 * and records every error; large arrays of small wrong items cost hundreds of ms, and past ~20k
 * items `errors.push(...result.errors)` overflows the stack (RangeError → 500).
 */
import { describe, expect, it } from "vitest";
import { call, issue } from "../support/api";

const CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];
const TYPE = ["VerifiableCredential", "OpenBadgeCredential"];

async function timed(path: string, init: RequestInit) {
  const t0 = Date.now();
  const res = await call(path, init);
  const text = new TextDecoder().decode(await res.arrayBuffer());
  return { status: res.status, text, ms: Date.now() - t0 };
}

function verifyBody(credential: unknown) {
  return {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ verifiableCredential: credential }),
  } satisfies RequestInit;
}

function b64u(s: string) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

describe("redteam: schema validation cost and crashes", () => {
  it("credentialStatus with 25 000 empty objects (75 KB) is a 400 verdict, not a 500 (RangeError)", async () => {
    const r = await timed("/credentials/verify", verifyBody({ "@context": CONTEXT, type: TYPE, credentialStatus: Array(25_000).fill({}) }));
    expect(r.status, r.text.slice(0, 300)).toBe(400);
  });

  it("a 64 KiB VC-JWT whose payload holds 15 000 empty status entries is refused in well under 50 ms", async () => {
    const header = b64u(JSON.stringify({ alg: "EdDSA", typ: "vc+jwt", kid: "x" }));
    const payload = b64u(JSON.stringify({ "@context": CONTEXT, type: TYPE, credentialStatus: Array(15_000).fill({}) }));
    const jwt = `${header}.${payload}.AAAA`;
    expect(jwt.length).toBeLessThan(64 * 1024);
    await issue(); // warm up
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const r = await timed("/credentials/verify", verifyBody(jwt));
      expect(r.status, r.text.slice(0, 300)).toBe(400);
      best = Math.min(best, r.ms);
    }
    expect(best, `took ${best} ms`).toBeLessThan(50);
  });

  it("the same pasted into the /verify form answers the page, not a 500", async () => {
    const form = new FormData();
    form.set("text", JSON.stringify({ "@context": CONTEXT, type: TYPE, credentialStatus: Array(25_000).fill({}) }));
    const r = await timed("/verify", { method: "POST", body: form, headers: { accept: "text/html" } });
    expect(r.status, r.text.slice(0, 300)).toBeLessThan(500);
  });

  it("a 200 KB credential of over-long arrays is refused in well under 50 ms", async () => {
    await issue(); // warm up
    const credential = {
      "@context": CONTEXT,
      type: TYPE,
      credentialStatus: Array(15_000).fill(0),
      credentialSubject: { identifier: Array(15_000).fill(0), achievement: { tag: Array(40_000).fill(0) } },
    };
    // best of three to discount scheduling noise
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const r = await timed("/credentials/verify", verifyBody(credential));
      expect(r.status, r.text.slice(0, 300)).toBe(400);
      best = Math.min(best, r.ms);
    }
    expect(best, `took ${best} ms`).toBeLessThan(50);
  });
});
