/**
 * A simulated platform sends completion events with `standardwebhooks`: 5% duplicates (half
 * delivered concurrently with the original, half re-fired later under a new message id) and 1%
 * signed with a wrong secret. Exactly the right certificates are issued, once each.
 * `npm test` sends 100 events; `npm run test:slow` (WEGO_SLOW=1) sends 500.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sized } from "../support/fast-check-setup";
import { completionBody, createSource, deliver, signedHeaders } from "../support/platform";

const db = (env as unknown as { DB: D1Database }).DB;
const N = sized(100, 500);
const WRONG_SECRET = "whsec_" + btoa("w".repeat(32));

describe(`${N} completion events from a simulated platform`, () => {
  it("issue exactly one certificate per genuine enrolment; duplicates and forgeries issue none", async () => {
    // Email on completion is covered in delivery-notices.test.ts; 500 messages would only add time here.
    const s = await createSource(
      "volume",
      { "c-a": "champions-2023-online", "c-b": "champions-2023-workshop-baku" },
      { notify: false },
    );
    const isBad = (i: number) => i % 100 === 37;
    const isConcurrentDup = (i: number) => i % 40 === 3;
    const isRefire = (i: number) => i % 40 === 23;
    const event = (i: number) => {
      const body = completionBody(i % 2 ? "c-b" : "c-a", `enr-${i}`, `Learner ${i}`, `l${i}@example.org`);
      return { body, headers: signedHeaders(isBad(i) ? WRONG_SECRET : s.webhookSecret, `msg_${i}`, body) };
    };
    const statuses: Record<number, number> = {};
    const pairs: Array<[string, string]> = [];
    const count = (status: number) => (statuses[status] = (statuses[status] ?? 0) + 1);

    for (let start = 0; start < N; start += 10) {
      const batch = Array.from({ length: Math.min(10, N - start) }, (_, k) => start + k);
      await Promise.all(
        batch.map(async (i) => {
          const { body, headers } = event(i);
          const sends = isConcurrentDup(i)
            ? [deliver(s.id, headers, body), deliver(s.id, headers, body)]
            : [deliver(s.id, headers, body)];
          const answers = await Promise.all(sends);
          const parsed = await Promise.all(answers.map((r) => r.json<any>()));
          answers.forEach((r) => count(r.status));
          if (answers.length === 2) {
            expect(answers.map((r) => r.status).sort()).toEqual([200, 201]);
            pairs.push([parsed[0].certificate.id, parsed[1].certificate.id]);
          }
        }),
      );
    }
    // The platform fires "completed" again for some enrolments, under new message ids.
    for (let i = 0; i < N; i++)
      if (isRefire(i)) {
        const { body } = event(i);
        const r = await deliver(s.id, signedHeaders(s.webhookSecret, `msg_refire_${i}`, body), body);
        count(r.status);
        expect((await r.json<any>()).outcome).toBe("duplicate");
      }

    const bad = Array.from({ length: N }, (_, i) => i).filter(isBad).length;
    const dups = Array.from({ length: N }, (_, i) => i).filter((i) => isConcurrentDup(i) || isRefire(i)).length;
    expect(dups).toBe(N * 0.05);
    expect(bad).toBe(N * 0.01);
    expect(statuses).toEqual({ 201: N - bad, 200: dups, 401: bad });
    for (const [a, b] of pairs) expect(a).toBe(b);

    const rows = await db
      .prepare(
        `SELECT c.claim_key AS k, x.id AS id, x.recipient_name AS name, x.achievement_id AS a
         FROM completion_claims c JOIN certificates x ON x.id = c.certificate_id
         WHERE c.source_id = ? AND c.claim_key LIKE 'e:%'`,
      )
      .bind(s.id)
      .all<{ k: string; id: string; name: string; a: string }>();
    expect(rows.results).toHaveLength(N - bad);
    expect(new Set(rows.results.map((r) => r.id)).size).toBe(N - bad);
    for (const r of rows.results) {
      const i = Number(r.k.slice("e:enr-".length));
      expect(isBad(i)).toBe(false);
      expect(r.name).toBe(`Learner ${i}`);
      expect(r.a).toBe(i % 2 ? "champions-2023-workshop-baku" : "champions-2023-online");
    }
    const issuedBySource = await db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE actor = 'source:volume' AND action = 'certificate.issue'")
      .first<{ n: number }>();
    expect(issuedBySource!.n).toBe(N - bad);
    const outcomes = await db
      .prepare(
        "SELECT outcome, count(*) AS n FROM completion_events WHERE source_id = ? GROUP BY outcome ORDER BY outcome",
      )
      .bind(s.id)
      .all<{ outcome: string; n: number }>();
    expect(outcomes.results).toEqual([
      { outcome: "duplicate", n: dups },
      { outcome: "issued", n: N - bad },
      { outcome: "rejected", n: bad },
    ]);
  });
});
