/**
 * Email delivery as `npm start` runs it: wrangler dev's local queue (producer and consumer in the
 * Worker, retries, dead-letter queue) and its simulated send_email binding, whose messages dev.mjs
 * copies into the outbox folder. Every assertion reads those .eml files, parsed with postal-mime.
 * Simulated send failures (WEGO_EMAIL_FAULTS=on, loopback only) and 1-second backoff keep the
 * retry path short. (A retry base of 0 s stalls wrangler dev's local queue: the retried message
 * stays queued and the messages behind it are not delivered.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2ePort, printServiceTailOnFailure, startService, type Service } from "./support/service";

const ROWS = 200;
let service: Service;
printServiceTailOnFailure(() => service);
let outbox: string;

interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

beforeAll(async () => {
  outbox = fs.mkdtempSync(path.join(os.tmpdir(), "wego-outbox-"));
  service = await startService(e2ePort(4), 150_000, {
    WEGO_OUTBOX: outbox,
    WEGO_EMAIL_FAULTS: "on",
    WEGO_EMAIL_RETRY_SECONDS: "1",
  });
});

afterAll(async () => {
  await service?.stop();
  fs.rmSync(outbox, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${service.adminToken}` });

async function readOutbox(): Promise<Mail[]> {
  const out: Mail[] = [];
  for (const file of fs.readdirSync(outbox).sort()) {
    const p = await PostalMime.parse(fs.readFileSync(path.join(outbox, file)));
    out.push({ file, to: p.to?.[0]?.address ?? "", subject: p.subject ?? "", text: p.text ?? "", html: p.html ?? "" });
  }
  return out;
}

/** Polls until `done` holds (the queue works in the background), failing with what it last saw. */
async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 500));
    last = await read();
  }
  return last;
}

async function post(p: string, body: string | object, type = "application/json") {
  return fetch(service.base + p, {
    method: "POST",
    headers: { ...auth(), "content-type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Parses a JSON answer, failing with its status and whole body when it is not JSON (workerd answers some failures in plain text). */
async function json<T>(r: Response): Promise<T> {
  const text = await r.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${r.status} ${r.url}: not JSON: ${text}`);
  }
}

async function deliveries(certId: string) {
  const r = await fetch(`${service.base}/admin/certificates/${certId}`, { headers: auth() });
  return ((await r.json()) as { deliveries: { kind: string; status: string; attempts: number; lastError: string }[] })
    .deliveries;
}

/** Names mixing directions are refused at issue (they cannot be printed), so RTL gets a row of its own. */
const HOSTILE = `<b onmouseover=alert(1)>Eve</b> & "Mallory" ${"Ω".repeat(150)}`;
const RTL = "שלום עולם";

describe("email delivery on wrangler dev", () => {
  const addr = (i: number) => `p${i}@example.org`;
  let batchRows: { externalId: string; url: string }[] = [];
  let failing: { id: string }[] = [];

  it(`a ${ROWS}-row upload with notify sends exactly ${ROWS} messages: right address, name, link and language`, async () => {
    // Failing addresses first, so their retries (1+2+4+8+16 s) overlap the batch.
    failing = [];
    for (const email of ["fail-transient@example.org", "fail-refused@example.org"]) {
      const r = await post("/admin/certificates", {
        recipient: { name: "Failing", email },
        achievementId: "champions-2023-online",
        notify: true,
      });
      expect(r.status).toBe(201);
      failing.push((await r.json()) as { id: string });
    }
    const lines = ["name,email,achievementId,externalId,language"];
    for (let i = 0; i < ROWS; i++) {
      const name = i === 7 ? HOSTILE : i === 9 ? RTL : i % 2 ? `김민준 ${i}` : `Ann Lee ${i}`;
      lines.push(
        [`"${name.replace(/"/g, '""')}"`, addr(i), "champions-2023-online", `e2e-mail-${i}`, i % 2 ? "ko" : "en"].join(
          ",",
        ),
      );
    }
    const csv = lines.join("\r\n") + "\r\n";
    const up = await post("/admin/batches?notify=true", csv, "text/csv");
    expect(up.status).toBe(202);
    const { id } = (await up.json()) as { id: string };
    for (let i = 0; i < 10; i++) {
      const r = await json<{ done: boolean }>(await post(`/admin/batches/${id}/process`, {}));
      if (r.done) break;
    }
    const report = (await (await fetch(`${service.base}/admin/batches/${id}`, { headers: auth() })).json()) as {
      counts: { issued: number };
      rows: { externalId: string; url: string }[];
    };
    expect(report.counts.issued).toBe(ROWS);
    batchRows = report.rows;

    const mails = await until("200 messages", readOutbox, (m) => m.filter((x) => /^p\d+@/.test(x.to)).length >= ROWS);
    const batchMails = mails.filter((m) => /^p\d+@/.test(m.to));
    expect(batchMails).toHaveLength(ROWS);
    expect(new Set(batchMails.map((m) => m.to)).size).toBe(ROWS);
    for (const m of batchMails) {
      const i = Number(/^p(\d+)@/.exec(m.to)![1]);
      const url = batchRows.find((r) => r.externalId === `e2e-mail-${i}`)!.url;
      expect(m.text).toContain(url);
      expect(m.html).toContain(`href="${url}"`);
      if (i !== 7 && i !== 9) expect(m.text).toContain(i % 2 ? `김민준 ${i}` : `Ann Lee ${i}`);
      expect(m.subject).toMatch(i % 2 ? /^WeGO 인증서: / : /^Your WeGO certificate: /);
    }
    // The hostile name is text in both parts.
    const eve = batchMails.find((m) => m.to === addr(7))!;
    expect(eve.html).not.toContain("<b onmouseover");
    expect(eve.html).toContain("&#60;b onmouseover=alert(1)&#62;Eve&#60;/b&#62; &#38; &#34;Mallory&#34;");
    expect(eve.text).toContain('\u2068<b onmouseover=alert(1)>Eve</b> & "Mallory" ΩΩ');
    // A right-to-left name is isolated, so it cannot reorder the text around it.
    const rtl = batchMails.find((m) => m.to === addr(9))!;
    expect(rtl.text).toContain(`\u2068${RTL}\u2069 님께,`);
    expect(rtl.html).toContain(`<bdi dir="auto"><strong>${RTL}</strong></bdi`);

    // A new user follows the link from a message to the certificate page.
    const first = batchMails.find((m) => m.to === addr(0))!;
    const link = /https?:\/\/\S+\/c\/[A-Za-z0-9_-]{22}/.exec(first.text)![0];
    const page = await fetch(link, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Ann Lee 0");
  });

  it("injected failures: transient ones are retried then failed with the reason; a refusal fails at once; nothing is sent for them", async () => {
    const [transient, refused] = failing as [{ id: string }, { id: string }];
    const t = await until(
      "the transient failure to settle",
      () => deliveries(transient.id),
      (d) => d[0]?.status === "failed",
      90_000,
    );
    expect(t).toEqual([expect.objectContaining({ status: "failed", attempts: 6 })]);
    expect(t[0]!.lastError).toMatch(/simulated transient failure \(gave up after 6 attempts\)/);
    const r = await deliveries(refused.id);
    expect(r).toEqual([
      expect.objectContaining({ status: "failed", attempts: 1, lastError: "recipient rejected (simulated)" }),
    ]);
    expect((await readOutbox()).filter((m) => m.to.startsWith("fail-"))).toEqual([]);
  });

  it("resend creates a second message and a second record; re-submitting the batch sends nothing more", async () => {
    const id = batchRows.find((r) => r.externalId === "e2e-mail-3")!.url.split("/c/")[1]!;
    const before = (await readOutbox()).length;
    expect((await post(`/admin/certificates/${id}/resend`, {})).status).toBe(202);
    await until("the resent message", readOutbox, (m) => m.filter((x) => x.to === addr(3)).length === 2);
    expect((await deliveries(id)).map((d) => [d.kind, d.status])).toEqual([
      ["issued", "sent"],
      ["resend", "sent"],
    ]);
    const again = await post(
      "/admin/batches?notify=true",
      `name,email,achievementId,externalId\r\nAnn,${addr(0)},champions-2023-online,e2e-mail-0\r\n`,
      "text/csv",
    );
    expect(again.status).toBe(202);
    // The queue polls every second: give a duplicate time to appear before counting.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await readOutbox()).length).toBe(before + 1);
  });

  it("find my certificates: one message listing every certificate of a known address; the same answer and nothing sent for an unknown one", async () => {
    const second = await post("/admin/certificates", {
      recipient: { name: "Ann Lee 0", email: addr(0) },
      achievementId: "champions-2023-workshop-baku",
    });
    const secondUrl = ((await second.json()) as { url: string }).url;
    const form = (email: string) =>
      fetch(`${service.base}/find?lang=en`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email }).toString(),
      });
    const known = await form(addr(0).toUpperCase());
    const unknown = await form("nobody-at-all@example.org");
    expect([known.status, unknown.status]).toEqual([200, 200]);
    const [a, b] = [await known.text(), await unknown.text()];
    const result = (h: string) => /<p role="status" id="find-result">([^<]*)</.exec(h)![1];
    expect(result(a)).toBe(result(b));
    expect(a).not.toContain("/c/");
    const lookups = await until("the lookup message", readOutbox, (m) =>
      m.some((x) => x.subject === "Your WeGO certificates"),
    );
    const found = lookups.filter((x) => x.subject === "Your WeGO certificates");
    expect(found.map((x) => x.to)).toEqual([addr(0)]);
    expect(found[0]!.text).toContain(batchRows.find((r) => r.externalId === "e2e-mail-0")!.url);
    expect(found[0]!.text).toContain(secondUrl);
    await new Promise((r) => setTimeout(r, 2500));
    expect((await readOutbox()).filter((x) => x.to.startsWith("nobody"))).toEqual([]);
  });
});
