/**
 * Email delivery against real D1 in workerd: records, the queue consumer's retries and
 * dead-lettering, exactly-once sends, resend, batches with notify, the message itself, and
 * addresses kept only encrypted. The queue and the sending service are stand-ins (test/support/mail.ts)
 * so each attempt can be driven and observed; test/e2e/email-delivery.test.ts runs the same flows
 * on wrangler dev's own queue and email binding.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import type { AppDeps } from "../../src/services/context";
import { handleDeadLetters, handleDeliveryJobs, MAX_ATTEMPTS } from "../../src/services/delivery-consumer";
import { ADMIN } from "../support/api";
import { client, testDeps, workerEnv } from "../support/deps";
import { fakeMail, job, type Behaviour, type FakeMail, type RecordedJob } from "../support/mail";

let seq = 0;
const unique = (p: string) => `${p}-${Date.now().toString(36)}-${seq++}@example.org`;

async function setup(behaviour?: Behaviour) {
  const base = await testDeps();
  const fake = fakeMail(base, behaviour);
  const deps: AppDeps = { ...base, ...fake.deps } as AppDeps;
  return { deps, fake, api: client(deps) };
}

/** Plays the queue: hands every job to the consumer, redelivers retried ones, dead-letters the rest. */
async function drain(deps: AppDeps, fake: FakeMail): Promise<RecordedJob[]> {
  const seen: RecordedJob[] = [];
  let pending = fake.queue.splice(0).map((id) => job(id, 1));
  while (pending.length) {
    await handleDeliveryJobs(deps, pending);
    seen.push(...pending);
    const retried = pending.filter((j) => j.outcome?.kind === "retry");
    const dead = retried.filter((j) => j.attempts >= MAX_ATTEMPTS);
    if (dead.length)
      await handleDeadLetters(
        deps,
        dead.map((j) => job((j.body as { deliveryId: string }).deliveryId)),
      );
    pending = [
      ...retried
        .filter((j) => j.attempts < MAX_ATTEMPTS)
        .map((j) => job((j.body as { deliveryId: string }).deliveryId, j.attempts + 1)),
      ...fake.queue.splice(0).map((id) => job(id, 1)),
    ];
  }
  return seen;
}

async function issueOne(api: ReturnType<typeof client>, email: string, extra: Record<string, unknown> = {}) {
  const res = await api.post("/admin/certificates", {
    recipient: { name: "Ləman Əliyeva", email },
    achievementId: "champions-2023-online",
    notify: true,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.json<any>();
}

describe("email delivery", () => {
  it("issue with notify: one queued record, one message to the right address, language and link; a repeated job sends nothing", async () => {
    const { deps, fake, api } = await setup();
    const email = unique("laman");
    const cert = await issueOne(api, email, { language: "ko" });
    expect(cert.delivery).toMatchObject({ kind: "issued", status: "queued", attempts: 0 });
    expect(fake.queue).toEqual([cert.delivery.id]);
    await drain(deps, fake);
    expect(fake.sent).toHaveLength(1);
    const m = fake.sent[0]!;
    expect(m.to).toBe(email);
    expect(m.envelopeFrom).toBe(deps.mail.from);
    expect(m.replyTo).toBe(deps.mail.replyTo);
    expect(m.subject).toContain("WeGO 인증서");
    expect(m.text).toContain("Ləman Əliyeva");
    expect(m.text).toContain(cert.url);
    expect(m.text).toContain(`${cert.url}.pdf`);
    expect(m.text).toContain("https://www.linkedin.com/profile/add?");
    expect(m.html).toContain(`href="${cert.url}"`);
    expect(m.messageId).toBe(`<${cert.delivery.id}@${deps.mail.from.split("@")[1]}>`);

    // The queue delivers at least once: the same job again must not send again.
    const again = job(cert.delivery.id, 1);
    await handleDeliveryJobs(deps, [again]);
    expect(again.outcome).toEqual({ kind: "ack" });
    expect(fake.sent).toHaveLength(1);

    const detail = await (
      await api.get(`/admin/certificates/${cert.id}`, { authorization: `Bearer ${ADMIN}` })
    ).json<any>();
    expect(detail.deliveries).toEqual([
      expect.objectContaining({ id: cert.delivery.id, status: "sent", attempts: 1, lastError: null }),
    ]);
    expect(detail.emailOnRecord).toBe(true);
    expect(JSON.stringify(detail)).not.toContain(email);
  });

  it("transient failures are retried with backoff; past the last attempt the record is failed with the reason, with no duplicate", async () => {
    const failing = unique("fail-always");
    const flaky = unique("flaky");
    const { deps, fake, api } = await setup((to, n) =>
      to === failing ? "transient" : to === flaky && n <= 2 ? "transient" : "ok",
    );
    const a = await issueOne(api, failing);
    const b = await issueOne(api, flaky);
    const jobs = await drain(deps, fake);
    const delays = jobs
      .filter((j) => (j.body as any).deliveryId === a.delivery.id && j.outcome?.kind === "retry")
      .map((j) => (j.outcome as { delaySeconds?: number }).delaySeconds);
    expect(delays).toEqual([30, 60, 120, 240, 480, 960]);
    expect(fake.attempts.filter((t) => t === failing)).toHaveLength(MAX_ATTEMPTS);
    expect(fake.attempts.filter((t) => t === flaky)).toHaveLength(3);
    expect(fake.sent.map((m) => m.to)).toEqual([flaky]);
    const rows = await workerEnv.DB.prepare(
      "SELECT id, status, attempts, last_error FROM deliveries WHERE id IN (?, ?)",
    )
      .bind(a.delivery.id, b.delivery.id)
      .all<any>();
    const byId = Object.fromEntries(rows.results.map((r) => [r.id, r]));
    expect(byId[a.delivery.id]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(byId[a.delivery.id].last_error).toMatch(/451 temporary failure.*gave up after 6 attempts/);
    expect(byId[b.delivery.id]).toMatchObject({ status: "sent", attempts: 3, last_error: null });
  });

  it("an address the sending service refuses fails at once with the reason, and the rest go on", async () => {
    const refused = unique("refused");
    const fine = unique("fine");
    const { deps, fake, api } = await setup((to) => (to === refused ? "refused" : "ok"));
    const a = await issueOne(api, refused);
    const b = await issueOne(api, fine);
    const jobs = await drain(deps, fake);
    expect(jobs.map((j) => j.outcome?.kind)).toEqual(["ack", "ack"]);
    expect(fake.sent.map((m) => m.to)).toEqual([fine]);
    const rec = await workerEnv.DB.prepare("SELECT status, attempts, last_error FROM deliveries WHERE id = ?")
      .bind(a.delivery.id)
      .first<any>();
    expect(rec).toEqual({ status: "failed", attempts: 1, last_error: "550 recipient rejected (test)" });
    expect(b.delivery.status).toBe("queued");
  });

  it("send is once per certificate; resend makes a second message and a second record", async () => {
    const { deps, fake, api } = await setup();
    const email = unique("resend");
    const cert = await issueOne(api, email);
    await drain(deps, fake);
    const auth = { authorization: `Bearer ${ADMIN}` };
    const send = await api.post(`/admin/certificates/${cert.id}/send`, {}, auth);
    expect(send.status).toBe(200);
    expect((await send.json<any>()).id).toBe(cert.delivery.id);
    const resend = await api.post(`/admin/certificates/${cert.id}/resend`, {}, auth);
    expect(resend.status).toBe(202);
    expect((await resend.json<any>()).kind).toBe("resend");
    await drain(deps, fake);
    expect(fake.sent.map((m) => m.to)).toEqual([email, email]);
    const detail = await (await api.get(`/admin/certificates/${cert.id}`, auth)).json<any>();
    expect(detail.deliveries.map((d: any) => [d.kind, d.status])).toEqual([
      ["issued", "sent"],
      ["resend", "sent"],
    ]);
  });

  it("a batch with notify sends each row once in its language; processing and re-submitting again send nothing more", async () => {
    const { deps, fake, api } = await setup();
    const tag = unique("b").split("@")[0];
    const rows = [
      {
        name: "김민준",
        email: unique("minjun"),
        achievementId: "champions-2023-online",
        externalId: `${tag}-1`,
        language: "ko",
      },
      { name: "Ann Lee", email: unique("ann"), achievementId: "champions-2023-online", externalId: `${tag}-2` },
      { name: "No Mail", email: "not-an-address", achievementId: "champions-2023-online", externalId: `${tag}-3` },
    ];
    const up = await api.post("/admin/batches", { rows, notify: true });
    expect(up.status).toBe(202);
    const report = await up.json<any>();
    expect(report).toMatchObject({ notify: true, counts: { issued: 2, failed: 1 } });
    const errors = await (
      await api.get(`/admin/batches/${report.id}`, { authorization: `Bearer ${ADMIN}` })
    ).json<any>();
    expect(errors.rows[2].errors).toEqual([expect.objectContaining({ field: "email" })]);
    await drain(deps, fake);
    expect(fake.sent.map((m) => m.to).sort()).toEqual([rows[0]!.email, rows[1]!.email].sort());
    expect(fake.sent.find((m) => m.to === rows[0]!.email)!.subject).toContain("인증서");
    expect(fake.sent.find((m) => m.to === rows[1]!.email)!.subject).toContain("Your WeGO certificate");
    // Re-submitting the same rows and sending the batch again create no new message.
    expect((await api.post("/admin/batches", { rows: rows.slice(0, 2), notify: true })).status).toBe(202);
    const again = await (await api.post(`/admin/batches/${report.id}/send`, {})).json<any>();
    expect(again).toEqual({ queued: 0, alreadyRequested: 2, skipped: 0 });
    await drain(deps, fake);
    expect(fake.sent).toHaveLength(2);
  });

  it("addresses are stored only encrypted: not in certificates, batch rows, deliveries or the audit log", async () => {
    const { deps, fake, api } = await setup();
    const email = unique("secret");
    await issueOne(api, email);
    await api.post("/admin/batches", {
      rows: [{ name: "B", email, achievementId: "champions-2023-online", externalId: unique("x") }],
      notify: true,
    });
    await drain(deps, fake);
    for (const table of ["certificates", "batch_rows", "deliveries", "audit_log"]) {
      const { results } = await workerEnv.DB.prepare(`SELECT * FROM ${table}`).all();
      expect(JSON.stringify(results), table).not.toContain(email.split("@")[0]);
    }
    const row = await workerEnv.DB.prepare(
      "SELECT email_ciphertext, email_key_id, email_index FROM certificates WHERE email_index IS NOT NULL LIMIT 1",
    ).first<any>();
    expect(row.email_key_id).toBe("t1");
    expect(row.email_index).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the Worker's queue handler sends through the real send_email binding (MIME accepted) and acks; a dead letter settles the record", async () => {
    const { api, fake } = await setup();
    const sent = await issueOne(api, unique("binding"));
    const dead = await issueOne(api, unique("dead"));
    expect(fake.queue).toEqual([sent.delivery.id, dead.delivery.id]);
    const ctx = createExecutionContext();
    const batch = createMessageBatch("wego-deliveries", [
      { id: "m1", timestamp: new Date(), attempts: 1, body: { deliveryId: sent.delivery.id } },
    ]);
    await worker.queue(batch, workerEnv);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
    const row = await workerEnv.DB.prepare("SELECT status, attempts FROM deliveries WHERE id = ?")
      .bind(sent.delivery.id)
      .first();
    expect(row).toEqual({ status: "sent", attempts: 1 });

    const dlq = createMessageBatch("wego-deliveries-dlq", [
      { id: "m2", timestamp: new Date(), attempts: 1, body: { deliveryId: dead.delivery.id } },
    ]);
    const ctx2 = createExecutionContext();
    await worker.queue(dlq, workerEnv);
    expect((await getQueueResult(dlq, ctx2)).explicitAcks).toEqual(["m2"]);
    const deadRow = await workerEnv.DB.prepare("SELECT status, last_error FROM deliveries WHERE id = ?")
      .bind(dead.delivery.id)
      .first();
    expect(deadRow).toEqual({ status: "failed", last_error: "dead-lettered: no attempt succeeded" });
  });

  it("reissue with notify sends the corrected certificate with the replacement note, in the earlier language", async () => {
    const { deps, fake, api } = await setup();
    const email = unique("reissue");
    const old = await issueOne(api, email, { language: "ko", notify: false });
    expect(old.delivery).toBeUndefined();
    const r = await api.post(`/admin/certificates/${old.id}/reissue`, {
      recipient: { name: "Ləman Əliyeva", email },
      achievementId: "champions-2023-workshop-baku",
      notify: true,
    });
    expect(r.status).toBe(201);
    const fresh = await r.json<any>();
    expect(fresh.delivery).toMatchObject({ kind: "reissued", status: "queued", certificateId: fresh.id });
    await drain(deps, fake);
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]!.subject).toContain("정정된");
    expect(fake.sent[0]!.text).toContain("이전 인증서는 더 이상 유효하지 않습니다");
    expect(fake.sent[0]!.text).toContain(fresh.url);
    // The revoked (superseded) certificate is not sent again.
    expect((await api.post(`/admin/certificates/${old.id}/resend`, {})).status).toBe(409);
  });

  it("a queue outage is a 503 and the record stays queued; sending again enqueues it", async () => {
    const base = await testDeps();
    const fake = fakeMail(base);
    let down = true;
    const deps = {
      ...base,
      ...fake.deps,
      mail: {
        ...fake.deps.mail!,
        enqueue: async (ids: string[]) => {
          if (down) throw new Error("queue unavailable");
          fake.queue.push(...ids);
        },
      },
    } as AppDeps;
    const api = client(deps);
    const email = unique("outage");
    const r = await api.post("/admin/certificates", {
      recipient: { name: "Ann Lee", email },
      achievementId: "champions-2023-online",
    });
    const cert = await r.json<any>();
    const first = await api.post(`/admin/certificates/${cert.id}/send`, {});
    expect(first.status).toBe(503);
    expect((await first.json<any>()).code).toBe("ERR_UNAVAILABLE");
    const rec = await workerEnv.DB.prepare("SELECT status FROM deliveries WHERE certificate_id = ?")
      .bind(cert.id)
      .all();
    expect(rec.results).toEqual([{ status: "queued" }]);
    down = false;
    expect((await api.post(`/admin/certificates/${cert.id}/send`, {})).status).toBe(200);
    await drain(deps, fake);
    expect(fake.sent.map((m) => m.to)).toEqual([email]);
  });
});
