/**
 * Messages beyond issuance by staff: the issued message for a learning platform's completion
 * (issue 16), sent once however often the platform repeats the event; the revocation notice staff
 * may ask for (issue 12), which states the public reason and never the internal note; and the
 * console's delivery views (failed deliveries, a certificate's history, resend) (issues 11, 12).
 * One app over real D1; the queue and sending service are the stand-ins of test/support/mail.ts.
 */
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/services/context";
import { handleDeliveryJobs } from "../../src/services/delivery-consumer";
import { createApp } from "../../src/app";
import { ADMIN, BASE } from "../support/api";
import { consoleClient, csrfOf } from "../support/console";
import { client, testDeps, workerEnv } from "../support/deps";
import { fakeMail, job } from "../support/mail";
import { completionBody, signedHeaders } from "../support/platform";

const base = await testDeps();
// The sending service refuses an address once (say a full mailbox), then accepts it.
const fake = fakeMail(base, (to, attempt) => (to.startsWith("flaky-") && attempt === 1 ? "refused" : "ok"));
const deps: AppDeps = { ...base, ...fake.deps } as AppDeps;
const api = client(deps);
const auth = { authorization: `Bearer ${ADMIN}` };
const tag = Date.now().toString(36);

/** Hands every queued job to the real consumer (no failures are injected here). */
async function drain() {
  while (fake.queue.length)
    await handleDeliveryJobs(
      deps,
      fake.queue.splice(0).map((id) => job(id)),
    );
}

async function source(id: string, notify?: boolean) {
  const res = await api.post("/admin/sources", {
    id,
    name: `Platform ${id}`,
    kind: "generic",
    courses: { "c-1": "champions-2023-online" },
    ...(notify === undefined ? {} : { notify }),
  });
  expect(res.status).toBe(201);
  return (await res.json<any>()).secrets.webhook as string;
}

const hook = (id: string, secret: string, msgId: string, body: string) =>
  api.post(`/hooks/completions/${id}`, JSON.parse(body), signedHeaders(secret, msgId, body));

describe("messages for completions and revocations", () => {
  it("a completion emails the issued message once, in the platform's language, however often the event repeats", async () => {
    const id = `mail-${tag}`;
    const secret = await source(id);
    const email = `hook-${tag}@example.org`;
    const body = completionBody("c-1", "enr-1", "Ləman Əliyeva", email, "ko-KR");
    const first = await hook(id, secret, "msg_1", body);
    expect(first.status).toBe(201);
    const cert = (await first.json<any>()).certificate;
    // The platform retries the same message and fires "completed" again under a new id, before the
    // queue ran: the still-queued record is enqueued again, but it is one record.
    expect((await hook(id, secret, "msg_1", body)).status).toBe(200);
    expect((await hook(id, secret, "msg_2", body)).status).toBe(200);
    expect(new Set(fake.queue).size).toBe(1);
    await drain();
    expect(fake.sent).toHaveLength(1);
    const m = fake.sent[0]!;
    expect(m.to).toBe(email);
    expect(m.subject).toContain("WeGO 인증서");
    expect(m.text).toContain(cert.url);
    // Once sent, a further repeat queues nothing.
    expect((await hook(id, secret, "msg_3", body)).status).toBe(200);
    expect(fake.queue).toEqual([]);
    const detail = await (await api.get(`/admin/certificates/${cert.id}`, auth)).json<any>();
    expect(detail.language).toBe("ko");
    expect(detail.deliveries.map((d: any) => [d.kind, d.status, d.requestedBy])).toEqual([
      ["issued", "sent", `source:${id}`],
    ]);

    // A source whose platform mails its own certificates can turn this off.
    const quiet = `quiet-${tag}`;
    const quietSecret = await source(quiet, false);
    const other = completionBody("c-1", "enr-2", "Ann Lee", `quiet-${tag}@example.org`);
    expect((await hook(quiet, quietSecret, "msg_q", other)).status).toBe(201);
    expect(fake.queue).toEqual([]);
    const listed = await (await api.get(`/admin/sources/${quiet}`, auth)).json<any>();
    expect(listed.notify).toBe(false);
  });

  it("revoking with notify sends one notice with the public reason and without the note; other changes refuse notify", async () => {
    const email = `revoke-${tag}@example.org`;
    const issued = await api.post("/admin/certificates", {
      recipient: { name: "Ann <b>Lee</b>", email },
      achievementId: "champions-2023-online",
    });
    expect(issued.status).toBe(201);
    const cert = await issued.json<any>();
    const suspend = await api.post(`/admin/certificates/${cert.id}/suspend`, { reason: "under-review", notify: true });
    expect(suspend.status).toBe(400);
    expect(await suspend.json<any>()).toMatchObject({ code: "ERR_VALIDATION", field: "notify" });

    const before = fake.sent.length;
    const note = "Attendance sheet shows 3 of 8 lectures";
    const revoke = await api.post(`/admin/certificates/${cert.id}/revoke`, {
      reason: "issued-in-error",
      note,
      notify: true,
    });
    expect(revoke.status).toBe(200);
    expect((await revoke.json<any>()).delivery).toMatchObject({ kind: "revoked", status: "queued" });
    await drain();
    expect(fake.sent.slice(before).map((m) => m.to)).toEqual([email]);
    const m = fake.sent[before]!;
    expect(m.subject).toBe(
      "Your WeGO certificate has been revoked: WeGO Sustainable Smart City Champions 2023: online lectures",
    );
    expect(m.text).toContain("Reason: Issued in error.");
    expect(m.html).toContain("Issued in error");
    expect(m.html).toContain("Ann &#60;b&#62;Lee&#60;/b&#62;");
    expect(m.text + m.html).not.toContain(note);
    expect(m.text).toContain(cert.url);
  });

  it("the console lists a failed delivery on the dashboard and the certificate, resends it, and revokes with a notice", async () => {
    const app = createApp(deps);
    const browser = consoleClient((path, init) => app.request(BASE + path, init));
    expect((await browser.signIn(ADMIN)).status).toBe(303);
    const email = `flaky-${tag}@example.org`;
    const issued = await api.post("/admin/certificates", {
      recipient: { name: "Flaky Inbox", email },
      achievementId: "champions-2023-online",
      notify: true,
    });
    const cert = await issued.json<any>();
    await drain();
    const link = `href="/console/certificates/${cert.id}"`;
    const dash = await (await browser.get("/console")).text();
    expect(dash).toMatch(/\d+ messages could not be delivered/);
    const failedRow = dash.slice(dash.indexOf(link));
    expect(failedRow).toContain("550 recipient rejected (test)");

    const page = await (await browser.get(`/console/certificates/${cert.id}`)).text();
    expect(page).toContain(`src="/c/${cert.id}.png"`);
    expect(page).toContain('alt="Picture of the certificate: Flaky Inbox, ');
    expect(page).toContain("Failed");
    expect(page).toContain(`action="/console/certificates/${cert.id}/resend"`);
    expect((await browser.post(`/console/certificates/${cert.id}/resend`, {})).status).toBe(403);
    const resend = await browser.post(`/console/certificates/${cert.id}/resend`, { csrf: csrfOf(page) });
    expect([resend.status, resend.headers.get("location")]).toEqual([
      303,
      `/console/certificates/${cert.id}?done=resend`,
    ]);
    await drain();
    expect(fake.sent.at(-1)!.to).toBe(email);
    const audit = await workerEnv.DB.prepare(
      "SELECT actor FROM audit_log WHERE target = ? AND action = 'delivery.resend'",
    )
      .bind(cert.id)
      .first<{ actor: string }>();
    // The staff identity of the session (the bootstrap token here), as for every console action.
    expect(audit!.actor).toBe("bootstrap");
    // Resent and delivered: the failure no longer needs attention.
    expect(await (await browser.get("/console")).text()).not.toContain(link);

    const confirm = await browser.post(`/console/certificates/${cert.id}/revoke`, {
      csrf: csrfOf(page),
      reason: "withdrawn",
      notify: "yes",
    });
    const confirmPage = await confirm.text();
    expect(confirmPage).toContain("Notice to the participant");
    expect(fake.queue).toEqual([]);
    const done = await browser.post(`/console/certificates/${cert.id}/revoke`, {
      csrf: csrfOf(page),
      reason: "withdrawn",
      notify: "yes",
      confirm: "yes",
    });
    expect(done.status).toBe(303);
    await drain();
    const notice = fake.sent.at(-1)!;
    expect([notice.to, notice.subject]).toEqual([email, expect.stringContaining("has been revoked")]);
    expect(notice.text).toContain("Reason: Withdrawn by WeGO.");
  });
});
