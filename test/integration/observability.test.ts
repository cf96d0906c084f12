/**
 * Observability: a JSON log line per request (public reads that succeed quickly only with
 * REQUEST_LOG=all) with no personal data, and the scheduled
 * self-check that alerts when the signing key is gone or a status list is near expiry.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { scheduled } from "../../src/index";
import { AppError } from "../../src/errors";
import { verifyWebhook, newWebhookSecret } from "../../src/adapters/webhooks/standard-webhooks";
import { hourlyCheck, type AlertReport } from "../../src/services/scheduled";
import { createApp } from "../../src/app";
import { handleDeliveryJobs } from "../../src/services/delivery-consumer";
import { ADMIN, BASE, call, issue, postJson, verify } from "../support/api";
import { consoleClient, csrfOf } from "../support/console";
import { client, testDeps, workerEnv } from "../support/deps";
import { fakeMail, job } from "../support/mail";

afterEach(() => vi.restoreAllMocks());

/** The per-request lines (routes/operations.ts `requestLog`) among captured log lines, parsed. */
function requestLines(lines: string[]): any[] {
  return lines.filter((l) => l.includes('"event":"request"')).map((l) => JSON.parse(l));
}

function captureLogs(): string[] {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  return lines;
}

describe("request logs", () => {
  it("a JSON line per write, staff request and error with ids, route, status and duration, and no name, email or token", async () => {
    const lines = captureLogs();
    const name = "Zanele Privacy-Probe";
    const email = "zanele.probe@example.org";
    const a = await issue(name, "champions-2023-online", {});
    const batch = await call("/admin/batches", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({
        rows: [
          {
            name: "Batch Probe-Person",
            email: "batch.probe@example.org",
            achievementId: "champions-2023-online",
            externalId: "obs-1",
          },
        ],
      }),
    });
    expect(batch.status).toBe(202);
    expect((await verify(a.credential)).body.verified).toBe(true);
    expect(
      (await call(`/c/${a.id}`, { headers: { accept: "text/html", "cf-ray": "8f1e2d3c4b5a6978-ICN" } })).status,
    ).toBe(200);
    expect(
      (await postJson("/admin/certificates", { recipient: { name, email: "not-an-email" }, achievementId: "x" }))
        .status,
    ).toBe(400);
    expect(
      (
        await call("/admin/certificates/AAAAAAAAAAAAAAAAAAAAAA/revoke", {
          method: "POST",
          headers: { authorization: "Bearer wrong-token-value" },
        })
      ).status,
    ).toBe(401);

    const requests = requestLines(lines);
    // The verification and the page view succeeded quickly: public reads, left to the platform's
    // invocation logs by default (routes/operations.ts).
    expect(requests.map((r) => [r.method, r.route, r.status])).toEqual([
      ["POST", "/admin/certificates", 201],
      ["POST", "/admin/batches", 202],
      ["POST", "/admin/certificates", 400],
      ["POST", "/admin/certificates/:id/revoke", 401],
    ]);
    for (const r of requests) {
      expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof r.durationMs).toBe("number");
      expect(Object.keys(r).sort()).toEqual([
        "actor",
        "durationMs",
        "event",
        "level",
        "method",
        "ray",
        "requestId",
        "route",
        "status",
        "version",
      ]);
    }
    expect(requests[0].actor).toBe("bootstrap");
    const all = lines.join("\n");
    for (const secret of [
      name,
      "Zanele",
      email,
      "Batch Probe",
      "batch.probe",
      "not-an-email",
      ADMIN,
      "wrong-token-value",
      a.id,
    ])
      expect(all).not.toContain(secret);
  });
});

describe("public reads", () => {
  it("get a line of their own when they fail, are slow, or REQUEST_LOG=all", async () => {
    const a = await issue("Public Read-Probe", "champions-2023-online", {});
    const routesOf = (lines: string[]) => requestLines(lines).map((r) => [r.method, r.route, r.status, r.ray]);
    const reads = async (request: (path: string, init?: RequestInit) => Promise<Response>) => {
      expect(
        (await request(`/c/${a.id}`, { headers: { accept: "text/html", "cf-ray": "8f1e2d3c4b5a6978-ICN" } })).status,
      ).toBe(200);
      expect((await request(`/c/${a.id}.jwt`)).status).toBe(200);
      const body = JSON.stringify({ verifiableCredential: a.credential });
      const verified = await request("/credentials/verify", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(verified.status).toBe(200);
      expect((await request("/c/AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    };

    let lines = captureLogs();
    await reads(call);
    expect(routesOf(lines)).toEqual([["GET", "/c/:file", 404, null]]);
    vi.restoreAllMocks();

    lines = captureLogs();
    const app = createApp({ ...(await testDeps()), requestLog: "all" });
    await reads(async (path, init) => app.request(BASE + path, init));
    expect(routesOf(lines)).toEqual([
      ["GET", "/c/:file", 200, "8f1e2d3c4b5a6978-ICN"],
      ["GET", "/c/:file", 200, null],
      ["POST", "/credentials/verify", 200, null],
      ["GET", "/c/:file", 404, null],
    ]);
    vi.restoreAllMocks();

    // Every read slow: each Date.now() two seconds after the last.
    lines = captureLogs();
    const realNow = Date.now.bind(Date);
    let skew = 0;
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + (skew += 2000));
    await reads(call);
    vi.mocked(Date.now).mockRestore();
    const slow = requestLines(lines);
    expect(slow.map((r) => [r.method, r.route, r.status])).toEqual([
      ["GET", "/c/:file", 200],
      ["GET", "/c/:file", 200],
      ["POST", "/credentials/verify", 200],
      ["GET", "/c/:file", 404],
    ]);
    for (const r of slow) expect(r.durationMs).toBeGreaterThanOrEqual(1000);
    expect(lines.join("\n")).not.toContain(a.id);
  });
});

describe("logs of the console, email, find and erasure paths", () => {
  it("name no participant either", async () => {
    const lines = captureLogs();
    const base = await testDeps();
    const mail = fakeMail(base, (to) => (to.startsWith("failing.") ? "transient" : "ok"));
    const deps = { ...base, ...mail.deps } as typeof base;
    const app = createApp(deps);
    const browser = consoleClient((path, init) => app.request(BASE + path, init));
    expect((await browser.signIn(ADMIN)).status).toBe(303);
    const form = await (await browser.get("/console/issue")).text();
    const issued = await browser.post("/console/issue", {
      csrf: csrfOf(form),
      idempotencyKey: /name="idempotencyKey" value="([^"]+)"/.exec(form)![1]!,
      name: "Thandiwe Consoleprobe",
      email: "thandiwe.consoleprobe@example.org",
      achievementId: "champions-2023-online",
      validUntil: "",
    });
    expect(issued.status).toBe(303);
    const id = issued.headers.get("location")!.split("?")[0]!.split("/").pop()!;
    expect((await browser.get("/console/certificates?q=Consoleprobe")).status).toBe(200);
    const page = await (await browser.get(`/console/certificates/${id}`)).text();
    const revoked = await browser.post(`/console/certificates/${id}/revoke`, {
      csrf: csrfOf(page),
      reason: "issued-in-error",
      note: "Thandiwe asked",
      confirm: "yes",
    });
    expect(revoked.status).toBe(303);

    const api = client(deps);
    for (const email of ["mailprobe.person@example.org", "failing.mailprobe@example.org"])
      expect(
        (
          await api.post("/admin/certificates", {
            recipient: { name: "Mailprobe Person", email },
            achievementId: "champions-2023-online",
            notify: true,
          })
        ).status,
      ).toBe(201);
    const jobs = mail.queue.splice(0).map((d) => job(d));
    await handleDeliveryJobs(deps, jobs);
    expect([mail.sent.length, jobs.map((j) => j.outcome?.kind).sort()]).toEqual([1, ["ack", "retry"]]);
    const find = await app.request(`${BASE}/find`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "mailprobe.person@example.org" }),
    });
    expect(find.status).toBe(200);
    expect((await api.post("/admin/participants/erase", { email: "mailprobe.person@example.org" })).status).toBe(200);

    const routes = requestLines(lines).map((r) => r.route as string);
    // The console is one mounted app: its lines name the mount, never the certificate in the path.
    for (const r of ["/console/*", "/admin/certificates", "/find", "/admin/participants/erase"])
      expect(routes).toContain(r);
    const all = lines.join("\n");
    for (const personal of ["Thandiwe", "Consoleprobe", "consoleprobe@", "Mailprobe", "mailprobe", ADMIN, id])
      expect(all).not.toContain(personal);
  });
});

describe("scheduled self-check", () => {
  const noSigner = () => Promise.reject(new AppError("ERR_CONFIG", "ISSUER_PRIVATE_KEY is not set"));

  it("alerts when the signing secret is removed, and when a status list is near expiry and cannot be re-signed", async () => {
    const a = await issue("List Probe");
    const listUrl = (a.credential.credentialStatus as { statusListCredential: string }[])[0]!.statusListCredential;
    expect((await call(new URL(listUrl).pathname)).status).toBe(200);
    const soon = new Date(Date.now() + 2 * 3600_000).toISOString();
    await workerEnv.DB.prepare("UPDATE status_list_cache SET valid_until = ?").bind(soon).run();

    const alerts: AlertReport[] = [];
    const report = await hourlyCheck(await testDeps({ signer: noSigner }), async (r) => void alerts.push(r));
    expect(alerts).toHaveLength(1);
    expect(report!.problems).toMatchObject({
      signer: { state: "misconfigured" },
      statusLists: { state: "failing" },
      statusListRefresh: { state: "failing" },
    });
    expect(report!.summary).toContain("signer misconfigured");

    // With the key back, the hourly run re-signs the list ahead of time: only the test key's age
    // (it dates from 2020) is left to report.
    const quiet = await hourlyCheck(await testDeps(), async () => {});
    // The whole problems object, so a failure shows each check's detail.
    expect(quiet!.problems).toEqual({ keyAge: expect.objectContaining({ state: "warning" }) });
    const validUntil = await workerEnv.DB.prepare("SELECT min(valid_until) AS v FROM status_list_cache").first<string>(
      "v",
    );
    expect(Date.parse(validUntil!) - Date.now()).toBeGreaterThan(12 * 3600_000);
  });

  it("the cron handler alerts even when the configuration cannot start", async () => {
    const lines = captureLogs();
    await scheduled({ cron: "7 * * * *" }, { ...workerEnv, ISSUER_KEYS: "{broken" });
    const alert = lines.map((l) => JSON.parse(l)).find((l) => l.level === "alert");
    expect(alert).toMatchObject({ event: "self_check_failed", problems: { config: { state: "misconfigured" } } });
    expect(alert.summary).toContain("ISSUER_KEYS");
  });
});

describe("alert webhook", () => {
  it("gets one signed alert without personal data per new problem, a reminder a day later, one all-clear", async () => {
    const hook = "https://alerts.example.test/wego";
    const secret = newWebhookSecret((n) => crypto.getRandomValues(new Uint8Array(n)));
    const received: { method: string; headers: Headers; body: string }[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const req = new Request(input, init);
      if (req.url !== hook) return realFetch(input, init);
      received.push({ method: req.method, headers: req.headers, body: await req.text() });
      return new Response(null, { status: 204 });
    });
    const a = await issue("Hyun-woo Alertprobe", "champions-2023-online", {});
    const listUrl = (a.credential.credentialStatus as { statusListCredential: string }[])[0]!.statusListCredential;
    expect((await call(new URL(listUrl).pathname)).status).toBe(200);
    await workerEnv.DB.prepare("UPDATE status_list_cache SET valid_until = ?")
      .bind(new Date(Date.now() + 3600_000).toISOString())
      .run();
    const hourly = { cron: "7 * * * *" };
    const withHook = { ...workerEnv, ALERT_WEBHOOK_URL: hook, ALERT_WEBHOOK_SECRET: secret };

    // The signing secret removed: the hourly run posts once, and not again the next hour.
    const noSecret = { ...withHook, ISSUER_PRIVATE_KEY: undefined };
    await scheduled(hourly, noSecret);
    await scheduled(hourly, noSecret);
    expect(received).toHaveLength(1);
    const [first] = received;
    expect([first!.method, first!.headers.get("content-type")]).toEqual(["POST", "application/json"]);
    const signed = verifyWebhook(
      first!.body,
      {
        id: first!.headers.get("webhook-id") ?? undefined,
        timestamp: first!.headers.get("webhook-timestamp") ?? undefined,
        signature: first!.headers.get("webhook-signature") ?? undefined,
      },
      [secret],
      new Date(),
      300,
    );
    expect(signed.ok).toBe(true);
    const body = JSON.parse(first!.body);
    expect(body).toMatchObject({
      kind: "problem",
      issuer: "did:web:127.0.0.1%3A8787",
      problems: { signer: { state: "misconfigured" }, statusLists: { state: "failing" } },
    });
    expect(body.text).toContain("signer misconfigured");
    for (const personal of ["Hyun-woo", "Alertprobe", "participant@example.org", a.id])
      expect(first!.body).not.toContain(personal);

    // Still broken a day later: one reminder.
    const reminders: AlertReport[] = [];
    const tomorrow = await testDeps({
      clock: () => new Date(Date.now() + 25 * 3600_000),
      signer: () => Promise.reject(new AppError("ERR_CONFIG", "ISSUER_PRIVATE_KEY is not set")),
    });
    await hourlyCheck(tomorrow, async (r) => void reminders.push(r));
    expect(reminders.map((r) => r.kind)).toEqual(["reminder"]);

    // Secret back (and a key younger than a year, so nothing warns): lists re-signed, one all-clear.
    const keys = JSON.parse(workerEnv.ISSUER_KEYS!) as { keys: { notBefore: string }[] };
    keys.keys[0]!.notBefore = new Date(Date.now() - 86400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const fixed = { ...withHook, ISSUER_KEYS: JSON.stringify(keys) };
    await scheduled(hourly, fixed);
    await scheduled(hourly, fixed);
    expect(received.map((r) => JSON.parse(r.body).kind)).toEqual(["problem", "resolved"]);
  });
});
