/**
 * POST /credentials/verify skips the data model and JSON Schema checks for a credential equal, as
 * JSON, to stored bytes this isolate verified in full (services/verify-credential.ts provenIfEqual):
 * the answer must be exactly what a full check gives, for the equal credential and for every near
 * copy, which must not borrow the stored bytes' answers.
 */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import type { AppDeps } from "../../src/services/context";
import {
  forgetProven,
  namedKeyHex,
  provenEntryUrl,
  provenKeyOf,
  storedDigest,
} from "../../src/services/proven-signatures";
import { BASE } from "../support/api";
import { client, countingDeps, storedCredentialText, testDeps, workerEnv } from "../support/deps";

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
    const digest = await storedDigest(await storedCredentialText(id));
    // The full checks: no Cache API, so nothing another isolate shared is recalled either.
    const alone = client(await testDeps({ edgeCache: undefined }));
    const verify = async (vc: unknown, by = app): Promise<Outcome> => {
      const res = await by.post("/credentials/verify", { verifiableCredential: vc });
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
      full.push(await verify(copy, alone));
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

async function verifyPdf(deps: AppDeps, pdf: Uint8Array): Promise<boolean> {
  const res = await createApp(deps).request(`${BASE}/credentials/verify`, {
    method: "POST",
    headers: { "content-type": "application/pdf" },
    body: pdf as Uint8Array<ArrayBuffer>,
  });
  expect(res.status).toBe(200);
  return (await res.json<{ verified: boolean }>()).verified;
}

describe("POST /credentials/verify: verifications shared with new isolates (Cache API)", () => {
  it("a full verification by POST is shared, and a new isolate's JSON and PDF verifications use it", async () => {
    const first = await countingDeps();
    const app = client(first.deps);
    const issued = await app.post("/admin/certificates", {
      recipient: { name: "Shared By Post", email: "shared-by-post@example.org" },
      achievementId: "champions-2023-online",
    });
    const { id, credential } = await issued.json<{ id: string; credential: Json }>();
    const pdf = new Uint8Array(await (await app.get(`/c/${id}.pdf`)).arrayBuffer());
    const digest = await storedDigest(await storedCredentialText(id));
    forgetProven(); // a new isolate that has not verified it
    const before = await first.deps.edgeCache!.match(provenEntryUrl(first.deps, digest));
    expect(before).toBeUndefined();
    first.counter.calls = 0; // issuing canonicalized too
    const full = await app.post("/credentials/verify", { verifiableCredential: credential });
    expect((await full.json<{ verified: boolean }>()).verified).toBe(true);
    expect(first.counter.calls).toBeGreaterThan(0);
    const entry = await first.deps.edgeCache!.match(provenEntryUrl(first.deps, digest));
    expect(entry?.headers.get("X-Proven-Credential")).toMatch(new RegExp(`^${digest} [0-9a-f]{64}$`));

    forgetProven();
    const second = await countingDeps();
    const again = await client(second.deps).post("/credentials/verify", { verifiableCredential: credential });
    expect((await again.json<{ verified: boolean }>()).verified).toBe(true);
    expect(second.counter.calls).toBe(0);
    expect(provenKeyOf(digest)).toBeDefined();

    forgetProven();
    const third = await countingDeps();
    expect(await verifyPdf(third.deps, pdf)).toBe(true);
    expect(third.counter.calls).toBe(0);

    // Without the Cache API a new isolate verifies in full.
    forgetProven();
    const alone = await countingDeps({ edgeCache: undefined });
    expect(await verifyPdf(alone.deps, pdf)).toBe(true);
    expect(alone.counter.calls).toBeGreaterThan(0);
  });

  it("a tampered or foreign entry is not trusted, and is replaced by a full verification's", async () => {
    const { deps } = await countingDeps();
    const app = client(deps);
    const issued = await app.post("/admin/certificates", {
      recipient: { name: "Tampered Post Entry", email: "tampered-post@example.org" },
      achievementId: "champions-2023-online",
    });
    const { id, credential } = await issued.json<{ id: string; credential: Json }>();
    const digest = await storedDigest(await storedCredentialText(id));
    for (const text of [`${digest} ${"ab".repeat(32)}`, `${"0".repeat(64)} ${"ab".repeat(32)}`, "valid"]) {
      await deps.edgeCache!.put(
        provenEntryUrl(deps, digest),
        new Response(null, { headers: { "X-Proven-Credential": text, "Cache-Control": "max-age=600" } }),
      );
      forgetProven();
      const fresh = await countingDeps();
      const res = await client(fresh.deps).post("/credentials/verify", { verifiableCredential: credential });
      expect((await res.json<{ verified: boolean }>()).verified, text).toBe(true);
      expect(fresh.counter.calls, text).toBeGreaterThan(0);
      // The full verification replaced the bad entry with its own.
      const entry = await deps.edgeCache!.match(provenEntryUrl(deps, digest));
      expect(entry?.headers.get("X-Proven-Credential"), text).toBe(`${digest} ${namedKeyHex(deps, credential)}`);
    }
  });

  it("an edited stored row presented by POST is invalid and shares nothing: pages stay invalid", async () => {
    const { deps } = await countingDeps();
    const app = client(deps);
    const issued = await app.post("/admin/certificates", {
      recipient: { name: "Edited Then Posted", email: "edited-posted@example.org" },
      achievementId: "champions-2023-online",
    });
    const { id } = await issued.json<{ id: string }>();
    const text = await storedCredentialText(id);
    const edited = text.replace("Edited Then Posted", "Someone Else Posted");
    expect(edited).not.toBe(text);
    await workerEnv.DB.prepare("UPDATE certificates SET credential = ? WHERE id = ?").bind(edited, id).run();
    const editedDigest = await storedDigest(edited);
    forgetProven();
    const posted = await countingDeps();
    const res = await client(posted.deps).post("/credentials/verify", { verifiableCredential: JSON.parse(edited) });
    const body = await res.json<{ verified: boolean; checks: Check[] }>();
    expect(body.verified).toBe(false);
    expect(body.checks.find((c) => c.check === "signature")?.code).toBe("ERR_BAD_SIGNATURE");
    expect(posted.counter.calls).toBeGreaterThan(0);
    expect(await deps.edgeCache!.match(provenEntryUrl(deps, editedDigest))).toBeUndefined();
    forgetProven();
    const viewer = await countingDeps();
    const page = await (await client(viewer.deps).get(`/c/${id}`, { accept: "text/html" })).text();
    expect(/data-verdict="([a-z-]+)"/.exec(page)?.[1]).toBe("invalid");
    expect(viewer.counter.calls).toBeGreaterThan(0);
  });
});
