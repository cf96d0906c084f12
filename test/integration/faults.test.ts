/**
 * Fault injection in workerd: D1 failing at a rate (30% of reads, seeded PRNG) on the public read
 * and verification paths, and writes that fail half-way during issuance. Contract:
 * - every response is the correct answer or 503 with Retry-After; never a wrong verdict
 *   (a valid credential never reported invalid/revoked, a revoked one never reported valid);
 * - a failed write leaves no half-issued certificate: no certificate without its audit row and
 *   vice versa, and an Idempotency-Key row is absent or points at a stored certificate;
 *   a retry with the same key then returns that one certificate.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { createStore } from "../../src/adapters/storage/database";
import { decodeStatusList, Bitstring } from "../../src/domain/status-list";
import { ADMIN, BASE, issue, postJson } from "../support/api";
import { failingD1, testDeps, workerEnv } from "../support/deps";

const DB = workerEnv.DB;

/** Deterministic PRNG (mulberry32), so a failing run can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isRead = (sql: string) => /^\s*select\b/i.test(sql);

/**
 * failingD1 plus control of `batch()` and of the n-th D1 operation (an operation is one statement
 * execution or one batch call), so a write can fail half-way through a request.
 */
function faultyD1(
  db: D1Database,
  opts: {
    readFailRate?: number;
    seed?: number;
    /** 0-based index of the D1 operation that fails (statement run or batch call). */
    failOp?: number;
    /** How a failing batch fails: rejected before running, or run (committed) and then reported failed. */
    batchMode?: "reject" | "commit-then-fail";
  },
): { d1: D1Database; ops: () => number } {
  const rnd = prng(opts.seed ?? 1);
  let op = 0;
  const inner = failingD1(db, (sql) => {
    const n = op++;
    if (opts.failOp === n) return true;
    return opts.readFailRate !== undefined && isRead(sql) && rnd() < opts.readFailRate;
  });
  const d1 = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "batch")
        return async (stmts: D1PreparedStatement[]) => {
          const n = op++;
          if (opts.failOp !== n) return target.batch(stmts);
          if (opts.batchMode === "commit-then-fail") await target.batch(stmts);
          throw new Error("D1_ERROR: injected batch failure");
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { d1, ops: () => op };
}

async function appWith(d1: D1Database) {
  // No last good copy (routes/last-good-copy.ts): this measures what the store alone answers.
  return createApp(await testDeps({ store: createStore(d1), edgeCache: undefined }));
}

const verifyReq = (vc: unknown) =>
  new Request(BASE + "/credentials/verify", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ verifiableCredential: vc }),
  });

function expect503(res: Response, label: string) {
  expect(res.status, label).toBe(503);
  expect(Number(res.headers.get("retry-after")), label).toBeGreaterThan(0);
}

describe("D1 read failures at 30% (seeded)", () => {
  it("GET /c/{id}, POST /credentials/verify, GET /status/r1: correct answer or 503, never a wrong verdict", async () => {
    const good = await issue("Valid Person", "champions-2023-online");
    const bad = await issue("Revoked Person", "champions-2023-online");
    expect((await postJson(`/admin/certificates/${bad.id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    const goodJwt = await (await (await appWith(DB)).request(`${BASE}/c/${good.id}.jwt`)).text();
    const badJwt = await (await (await appWith(DB)).request(`${BASE}/c/${bad.id}.jwt`)).text();
    const round = await Promise.all(Array.from({ length: 40 }, (_, i) => issue(`Round ${i}`, "champions-2023-online")));
    const indexOf = (c: Record<string, unknown>) =>
      Number((c.credentialStatus as { statusListIndex: string }[])[0]!.statusListIndex);

    const seed = 20261127;
    const { d1 } = faultyD1(DB, { readFailRate: 0.3, seed });
    const app = await appWith(d1);
    const tally: Record<string, Record<number, number>> = {};
    const count = (k: string, s: number) => ((tally[k] ??= {})[s] = (tally[k]![s] ?? 0) + 1);

    for (let i = 0; i < 40; i++) {
      const label = `seed ${seed} round ${i}`;
      // GET /c/{id}: the stored credential, byte for byte, or 503. A different certificate each
      // round: signed content is cached per isolate once read, so only first reads reach D1.
      const target = round[i]!;
      const c = await app.request(`${BASE}/c/${target.id}`);
      count("GET /c/{id}", c.status);
      if (c.status === 200) expect(await c.text(), label).toBe(JSON.stringify(target.credential));
      else expect503(c, label);

      // Verification reads the signed record and the status slot through per-isolate caches
      // (services/signed-certificates.ts, status-cache.ts): a fresh app per round is a cold
      // isolate, so every round reaches D1 and meets the injected faults.
      const cold = await appWith(d1);
      // Verification of the valid credential (Data Integrity and VC-JWT).
      for (const [name, vc] of [
        ["valid DI", good.credential],
        ["valid JWT", goodJwt],
      ] as const) {
        const r = await cold.request(verifyReq(vc));
        const body = await r.json<any>();
        count(`verify ${name}`, r.status);
        if (r.status === 200) expect([body.verified, body.verdict], label).toEqual([true, "valid"]);
        else {
          expect503(r, `${name} ${label} ${JSON.stringify(body).slice(0, 300)}`);
          expect([body.verified, body.verdict], label).toEqual([false, "could-not-check"]);
        }
      }
      // Verification of the revoked credential.
      for (const [name, vc] of [
        ["revoked DI", bad.credential],
        ["revoked JWT", badJwt],
      ] as const) {
        const r = await cold.request(verifyReq(vc));
        const body = await r.json<any>();
        count(`verify ${name}`, r.status);
        expect(body.verified, label).toBe(false);
        if (r.status === 400) expect(body.verdict, label).toBe("revoked");
        else {
          expect503(r, `${name} ${label}`);
          expect(body.verdict, label).toBe("could-not-check");
        }
      }
      // The status list: the revoked bit set, the valid one clear, or 503.
      if (i % 2 === 0) {
        const s = await app.request(`${BASE}/status/r1`);
        count("GET /status/r1", s.status);
        if (s.status === 200) {
          const list = await s.json<any>();
          const bits = await decodeStatusList(list.credentialSubject.encodedList);
          expect(bits, label).toBeInstanceOf(Uint8Array);
          const b = new Bitstring(bits as Uint8Array);
          expect([b.get(indexOf(bad.credential)), b.get(indexOf(good.credential))], label).toEqual([true, false]);
        } else expect503(s, label);
      }
    }
    console.log("fault tally (status → count):", JSON.stringify(tally));
    // Both outcomes happened on every path: the injection (503), and the correct answer, whose
    // content the loop above checked (200 with the stored credential / valid verdict, 400 revoked).
    const correct: Record<string, number> = {
      "GET /c/{id}": 200,
      "verify valid DI": 200,
      "verify valid JWT": 200,
      "verify revoked DI": 400,
      "verify revoked JWT": 400,
      "GET /status/r1": 200,
    };
    expect(Object.keys(tally).sort()).toEqual(Object.keys(correct).sort());
    for (const [k, status] of Object.entries(correct)) {
      expect(tally[k]![503] ?? 0, `${k}: ${JSON.stringify(tally[k])}`).toBeGreaterThan(0);
      expect(tally[k]![status] ?? 0, `${k}: ${JSON.stringify(tally[k])}`).toBeGreaterThan(0);
      expect(tally[k]![status]! + tally[k]![503]!, k).toBe(Object.values(tally[k]!).reduce((x, y) => x + y, 0));
    }
  });
});

/**
 * Rows that existed before this file's first test: other files share the runtime's database, and
 * some write certificates that are not audited as `certificate.issue` (VC-API credentials).
 */
const before = { cert: 0, audit: 0, key: 0 };
beforeAll(async () => {
  const row = await DB.prepare(
    `SELECT (SELECT coalesce(max(rowid), 0) FROM certificates) AS cert,
            (SELECT coalesce(max(seq), 0) FROM audit_log) AS audit,
            (SELECT coalesce(max(rowid), 0) FROM idempotency_keys) AS key`,
  ).first<typeof before>();
  Object.assign(before, row);
});

/** Checks the issuance invariants over every row written since this file started. */
async function invariants(label: string) {
  const orphanCerts = await DB.prepare(
    `SELECT id FROM certificates c WHERE c.rowid > ? AND supersedes IS NULL AND NOT EXISTS
       (SELECT 1 FROM audit_log a WHERE a.action = 'certificate.issue' AND a.target = c.id)`,
  )
    .bind(before.cert)
    .all();
  const orphanAudit = await DB.prepare(
    `SELECT target FROM audit_log a WHERE a.seq > ? AND action = 'certificate.issue' AND NOT EXISTS
       (SELECT 1 FROM certificates c WHERE c.id = a.target)`,
  )
    .bind(before.audit)
    .all();
  const danglingKeys = await DB.prepare(
    `SELECT key FROM idempotency_keys k WHERE k.rowid > ? AND NOT EXISTS
       (SELECT 1 FROM certificates c WHERE c.id = k.certificate_id)`,
  )
    .bind(before.key)
    .all();
  expect(
    {
      certsWithoutAudit: orphanCerts.results,
      auditWithoutCert: orphanAudit.results,
      keysWithoutCert: danglingKeys.results,
    },
    label,
  ).toEqual({ certsWithoutAudit: [], auditWithoutCert: [], keysWithoutCert: [] });
}

const issueReq = (name: string, key?: string) =>
  new Request(BASE + "/admin/certificates", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${ADMIN}`,
      ...(key ? { "idempotency-key": key } : {}),
    },
    body: JSON.stringify({ recipient: { name, email: "fault@example.org" }, achievementId: "champions-2023-online" }),
  });

describe("writes failing half-way through issuance", () => {
  for (const batchMode of ["reject", "commit-then-fail"] as const)
    for (const withKey of [true, false])
      it(`every D1 operation of POST /admin/certificates failing in turn (batch ${batchMode}, ${withKey ? "with" : "without"} Idempotency-Key)`, async () => {
        // How many D1 operations a healthy issuance takes.
        const probe = faultyD1(DB, {});
        expect(
          (
            await (
              await appWith(probe.d1)
            ).request(issueReq("Probe Person", withKey ? `probe-${batchMode}` : undefined))
          ).status,
        ).toBe(201);
        const total = probe.ops();
        expect(total).toBeGreaterThanOrEqual(3);
        const outcomes: string[] = [];
        let storedBeforeFailure = 0;
        for (let failOp = 0; failOp < total; failOp++) {
          const key = withKey ? `fault-${batchMode}-${failOp}` : undefined;
          const label = `failOp ${failOp}/${total} ${batchMode} key=${key}`;
          const before = (await DB.prepare("SELECT count(*) AS n FROM certificates").first<{ n: number }>())!.n;
          const { d1 } = faultyD1(DB, { failOp, batchMode });
          const res = await (await appWith(d1)).request(issueReq(`Fault Person ${failOp}`, key));
          const text = await res.text();
          outcomes.push(`${failOp}:${res.status}`);
          // The injected failure is always visible to the client as 503 + Retry-After.
          expect503(res, `${label} ${text.slice(0, 200)}`);
          expect(JSON.parse(text).code, label).toBe("ERR_UNAVAILABLE");
          await invariants(label);
          const after = (await DB.prepare("SELECT count(*) AS n FROM certificates").first<{ n: number }>())!.n;
          expect(after - before, label).toBeLessThanOrEqual(1);
          if (key) {
            const row = await DB.prepare("SELECT certificate_id FROM idempotency_keys WHERE key = ?")
              .bind(key)
              .first<{ certificate_id: string }>();
            // A retry with the same key (healthy D1) yields exactly one certificate: the stored one if any.
            const retry = await (await appWith(DB)).request(issueReq(`Fault Person ${failOp}`, key));
            expect(retry.status, label).toBe(201);
            const id = (await retry.json<any>()).id as string;
            // The stored one if the failed request got as far as storing it; otherwise a new one.
            expect(id, label).toBe(row ? row.certificate_id : id);
            if (row) storedBeforeFailure++;
            const n = (await DB.prepare("SELECT count(*) AS n FROM certificates").first<{ n: number }>())!.n;
            expect(n - before, label).toBe(1);
            await invariants(`${label} after retry`);
          }
        }
        console.log(`issuance with D1 op n failing (${batchMode}, key=${withKey}): ${outcomes.join(" ")}`);
        // A batch that commits and then reports failure leaves the key stored: the retry must then
        // return that certificate (the path above that compares ids has to have run).
        const minStored = withKey && batchMode === "commit-then-fail" ? 1 : 0;
        expect(storedBeforeFailure, outcomes.join(" ")).toBeGreaterThanOrEqual(minStored);
      });

  it("a revocation whose batch fails leaves the certificate active and unaudited, and answers 503", async () => {
    const cert = await issue("Revoke Fault", "champions-2023-online");
    for (const batchMode of ["reject"] as const) {
      const probe = faultyD1(DB, {});
      // Find the batch operation index by failing each op in turn on a fresh attempt.
      void probe;
      let wentThrough = -1;
      for (let failOp = 0; failOp < 4; failOp++) {
        const { d1 } = faultyD1(DB, { failOp, batchMode });
        const res = await (
          await appWith(d1)
        ).request(
          new Request(`${BASE}/admin/certificates/${cert.id}/revoke`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN}` },
            body: JSON.stringify({ reason: "withdrawn" }),
          }),
        );
        if (res.status === 200) {
          wentThrough = failOp; // failOp was past the last operation: the revocation went through
          break;
        }
        expect503(res, `revoke failOp ${failOp}`);
        const row = await DB.prepare("SELECT status FROM certificates WHERE id = ?")
          .bind(cert.id)
          .first<{ status: string }>();
        const audits = await DB.prepare(
          "SELECT count(*) AS n FROM audit_log WHERE action = 'certificate.revoke' AND target = ?",
        )
          .bind(cert.id)
          .first<{ n: number }>();
        expect([row!.status, audits!.n], `revoke failOp ${failOp}`).toEqual(["active", 0]);
      }
      // At least one operation failed (503 above) before the revocation finally went through.
      expect(wentThrough).toBeGreaterThan(0);
      const row = await DB.prepare("SELECT status FROM certificates WHERE id = ?")
        .bind(cert.id)
        .first<{ status: string }>();
      expect(row?.status).toBe("revoked");
    }
  });
});
