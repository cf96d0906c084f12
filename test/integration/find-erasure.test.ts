/**
 * "Find my certificates" (same answer for known and unknown addresses, limits per client and per
 * address, the message goes to the address on record) and erasure of a participant's personal data.
 */
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/services/context";
import { handleDeliveryJobs } from "../../src/services/delivery-consumer";
import { createApp } from "../../src/app";
import { ADMIN, BASE } from "../support/api";
import { client, testDeps, workerEnv } from "../support/deps";
import { fakeMail, job } from "../support/mail";

let seq = 0;
const unique = (p: string) => `${p}-${Date.now().toString(36)}-${seq++}@example.org`;
const auth = { authorization: `Bearer ${ADMIN}` };

async function setup(extra: Partial<AppDeps> = {}) {
  const base = await testDeps();
  const fake = fakeMail(base);
  const deps = { ...base, ...fake.deps, ...extra } as AppDeps;
  const app = createApp(deps);
  const find = (email: string, ip = "203.0.113.7") =>
    app.request(`${BASE}/find?lang=en`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": ip },
      body: new URLSearchParams({ email }).toString(),
    });
  const drain = async () =>
    handleDeliveryJobs(
      deps,
      fake.queue.splice(0).map((id) => job(id)),
    );
  return { deps, fake, api: client(deps), find, drain };
}

async function issue(api: ReturnType<typeof client>, email: string, achievementId = "champions-2023-online") {
  const r = await api.post("/admin/certificates", { recipient: { name: "Ann Lee", email }, achievementId });
  expect(r.status).toBe(201);
  return r.json<{ id: string; url: string }>();
}

const statusText = (h: string) => /<p role="status" id="find-result">([^<]*)</.exec(h)?.[1];

describe("find my certificates", () => {
  it("a known address gets one message listing all its certificates; an unknown one gets the same page and nothing", async () => {
    const { fake, api, find, drain } = await setup();
    const email = unique("ann");
    const a = await issue(api, email);
    const b = await issue(api, email, "champions-2023-workshop-baku");
    const known = await find(`  ${email.toUpperCase()} `);
    const unknown = await find(unique("nobody"));
    expect([known.status, unknown.status]).toEqual([200, 200]);
    const [kh, uh] = [await known.text(), await unknown.text()];
    expect(statusText(kh)).toBeTruthy();
    expect(statusText(kh)).toBe(statusText(uh));
    expect(kh).not.toContain("/c/");
    await drain();
    expect(fake.sent).toHaveLength(1);
    // Sent to the address on record, not as typed.
    expect(fake.sent[0]!.to).toBe(email);
    expect(fake.sent[0]!.text).toContain(a.url);
    expect(fake.sent[0]!.text).toContain(b.url);
  });

  it("per address: at most 3 messages an hour, with the same answer; per client: 429 after 5 a minute", async () => {
    const { fake, api, find, drain } = await setup();
    const email = unique("limit");
    await issue(api, email);
    for (let i = 0; i < 5; i++) expect((await find(email, `198.51.100.${i}`)).status).toBe(200);
    await drain();
    expect(fake.sent).toHaveLength(3);
    const ip = "192.0.2.55";
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await find(unique("x"), ip)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it("an invalid address is a 400 page naming the problem", async () => {
    const { find } = await setup();
    const r = await find("not an address");
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('id="find-error"');
  });
});

describe("erasure", () => {
  it("erases the address and delivery records of every certificate of the participant; sending is then refused", async () => {
    const { api, fake, drain } = await setup();
    const email = unique("erase");
    const a = await issue(api, email);
    const b = await issue(api, email, "champions-2023-workshop-baku");
    expect((await api.post(`/admin/certificates/${a.id}/send`, {})).status).toBe(202);
    await drain();
    expect(fake.sent).toHaveLength(1);
    const r = await api.post("/admin/participants/erase", {
      certificateId: b.id,
      revoke: true,
      reason: "withdrawn",
      note: "Participant asked",
    });
    expect(r.status).toBe(200);
    const out = await r.json<any>();
    expect(out.certificateIds.sort()).toEqual([a.id, b.id].sort());
    expect(out.revoked.sort()).toEqual([a.id, b.id].sort());
    expect(out.deliveriesDeleted).toBe(1);
    const rows = await workerEnv.DB.prepare(
      "SELECT email_ciphertext, email_index, status FROM certificates WHERE id IN (?, ?)",
    )
      .bind(a.id, b.id)
      .all();
    expect(rows.results).toEqual([
      { email_ciphertext: null, email_index: null, status: "revoked" },
      { email_ciphertext: null, email_index: null, status: "revoked" },
    ]);
    expect((await (await api.get(`/admin/certificates/${a.id}`, auth)).json<any>()).deliveries).toEqual([]);
    const search = await (await api.get(`/admin/participants?email=${encodeURIComponent(email)}`, auth)).json<any>();
    expect(search.certificates).toEqual([]);
    expect((await api.post(`/admin/certificates/${a.id}/resend`, {})).status).toBe(409);
    const audit = await workerEnv.DB.prepare("SELECT summary FROM audit_log WHERE action = 'participant.erase'").all();
    expect(JSON.stringify(audit.results)).not.toContain(email.split("@")[0]);
  });

  it("search by email finds the participant's certificates through the blind index", async () => {
    const { api } = await setup();
    const email = unique("search");
    const a = await issue(api, email);
    const res = await (
      await api.get(`/admin/participants?email=${encodeURIComponent(email.toUpperCase())}`, auth)
    ).json<any>();
    expect(res.certificates.map((c: any) => c.id)).toEqual([a.id]);
    expect((await api.post("/admin/participants/erase", { email, certificateId: a.id })).status).toBe(400);
  });
});
