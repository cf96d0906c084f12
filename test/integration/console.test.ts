/** The staff console: sign-in and sessions, CSRF, scopes, find and status actions, audit identity. */
import { describe, expect, it } from "vitest";
import { ADMIN, call, issue, postJson } from "../support/api";
import { consoleClient, csrfOf, setCookies } from "../support/console";
import { completionBody, deliver, signedHeaders } from "../support/platform";
import { workerEnv } from "../support/deps";

async function readToken() {
  const res = await postJson("/admin/tokens", { name: "Auditor (read only)", scopes: ["read"] });
  return (await res.json<{ id: string; token: string }>()).token;
}

async function status(id: string) {
  return (await workerEnv.DB.prepare("SELECT status, status_reason FROM certificates WHERE id = ?")
    .bind(id)
    .first<any>())!;
}

describe("console sign-in", () => {
  it("opens a server-side session from the pasted token; the cookie is HttpOnly, SameSite=Strict and holds no token", async () => {
    const browser = consoleClient(call);
    const first = await browser.get("/console");
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/console/sign-in");
    const form = await browser.get("/console/sign-in");
    const html = await form.text();
    expect(html).toContain('<label for="token">Access token</label>');
    expect(form.headers.get("cache-control")).toBe("no-store");
    const csp = form.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'nonce-[A-Za-z0-9_-]{22}'/);
    expect(csp).not.toContain("unsafe-inline");

    const bad = await browser.post("/console/sign-in", {
      csrf: csrfOf(html),
      token: "wego_AAAAAAAAAAAA." + "A".repeat(43),
    });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain("unknown or revoked");

    const ok = await browser.signIn(ADMIN);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/console");
    const set = setCookies(ok).find((c) => c.startsWith("wego-console="))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\/console/);
    expect(set).not.toContain(ADMIN);
    const rows = await workerEnv.DB.prepare("SELECT * FROM console_sessions").all();
    expect(JSON.stringify(rows.results)).not.toContain(browser.jar.get("wego-console"));
    expect(JSON.stringify(rows.results)).not.toContain(ADMIN);

    const dash = await browser.get("/console");
    expect(dash.status).toBe(200);
    expect(dash.headers.get("cache-control")).toBe("no-store");
    expect(await dash.text()).toContain("Signed in as bootstrap admin token");
  });

  it("refuses a sign-in form without its double-submit value or from another origin", async () => {
    const browser = consoleClient(call);
    const html = await (await browser.get("/console/sign-in")).text();
    expect((await browser.post("/console/sign-in", { token: ADMIN })).status).toBe(403);
    const foreign = await browser.post(
      "/console/sign-in",
      { csrf: csrfOf(html), token: ADMIN },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    expect(setCookies(foreign).some((c) => c.startsWith("wego-console="))).toBe(false);
  });

  it("signs out (the session is gone server-side) and ends sessions of a revoked token", async () => {
    const browser = consoleClient(call);
    await browser.signIn(ADMIN);
    const page = await (await browser.get("/console")).text();
    const cookie = browser.jar.get("wego-console")!;
    const out = await browser.post("/console/sign-out", { csrf: csrfOf(page) });
    expect(out.status).toBe(303);
    // Replaying the old cookie after sign-out gets nothing.
    const replay = await call("/console", { headers: { cookie: `wego-console=${cookie}` }, redirect: "manual" });
    expect(replay.status).toBe(303);

    const res = await postJson("/admin/tokens", { name: "temp", scopes: ["read"] });
    const temp = await res.json<{ id: string; token: string }>();
    const reader = consoleClient(call);
    await reader.signIn(temp.token);
    expect((await reader.get("/console")).status).toBe(200);
    await postJson(`/admin/tokens/${temp.id}/revoke`, {});
    expect((await reader.get("/console")).status).toBe(303);
  });
});

describe("console actions", () => {
  it("finds a Hangul name, and revokes only with CSRF token, same origin, a reason and a confirmation", async () => {
    const cert = await issue("홍길동", "champions-2023-online");
    const browser = consoleClient(call);
    await browser.signIn(ADMIN);
    const found = await (await browser.get(`/console/certificates?q=${encodeURIComponent("길동")}`)).text();
    expect(found).toContain(`/console/certificates/${cert.id}`);
    const byId = await (await browser.get(`/console/certificates?q=${cert.id}`)).text();
    expect(byId).toContain(`/console/certificates/${cert.id}`);

    const view = await (await browser.get(`/console/certificates/${cert.id}`)).text();
    const csrf = csrfOf(view);
    const path = `/console/certificates/${cert.id}/revoke`;
    expect((await browser.post(path, { reason: "issued-in-error", confirm: "yes" })).status).toBe(403);
    expect((await browser.post(path, { csrf: "x".repeat(43), reason: "issued-in-error", confirm: "yes" })).status).toBe(
      403,
    );
    const crossSite = await browser.post(
      path,
      { csrf, reason: "issued-in-error", confirm: "yes" },
      { origin: "https://evil.example" },
    );
    expect(crossSite.status).toBe(403);
    expect((await browser.post(path, { csrf, reason: "", confirm: "yes" })).status).toBe(400);
    // Free text is not a public reason: it belongs in the internal note.
    expect((await browser.post(path, { csrf, reason: "Issued in error", confirm: "yes" })).status).toBe(400);
    expect((await status(cert.id)).status).toBe("active");

    const confirm = await browser.post(path, { csrf, reason: "issued-in-error", note: "Wrong workshop" });
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain("Revoke the certificate of 홍길동?");
    expect(confirmHtml).toContain("Issued in error");
    expect(confirmHtml).toContain("Wrong workshop");
    expect((await status(cert.id)).status).toBe("active");

    const done = await browser.post(path, { csrf, reason: "issued-in-error", note: "Wrong workshop", confirm: "yes" });
    expect(done.status).toBe(303);
    expect(await status(cert.id)).toEqual({ status: "revoked", status_reason: "issued-in-error" });
    const audit = await workerEnv.DB.prepare(
      "SELECT actor FROM audit_log WHERE action = 'certificate.revoke' AND target = ?",
    )
      .bind(cert.id)
      .first<any>();
    expect(audit.actor).toBe("bootstrap");
  });

  it("a read-only token sees no action buttons and gets 403 when it posts anyway", async () => {
    const cert = await issue("Read Only Target", "champions-2023-online");
    const browser = consoleClient(call);
    await browser.signIn(await readToken());
    const view = await (await browser.get(`/console/certificates/${cert.id}`)).text();
    expect(view).not.toContain(`/console/certificates/${cert.id}/revoke`);
    expect(view).not.toContain(`/console/certificates/${cert.id}/reissue`);
    expect(view).not.toContain('href="/console/issue"');
    const csrf = csrfOf(view); // the sign-out form's: a valid token of this session
    const res = await browser.post(`/console/certificates/${cert.id}/revoke`, {
      csrf,
      reason: "withdrawn",
      confirm: "yes",
    });
    expect(res.status).toBe(403);
    expect((await status(cert.id)).status).toBe("active");
    expect((await browser.get("/console/issue")).status).toBe(403);
    expect((await browser.get("/console/admin")).status).toBe(403);
    expect((await browser.get("/console/sources")).status).toBe(403);
    expect(view).not.toContain(`/console/certificates/${cert.id}/resend`);
  });

  it("issues one from the form once, even when the form is submitted twice", async () => {
    const browser = consoleClient(call);
    await browser.signIn(ADMIN);
    const form = await (await browser.get("/console/issue")).text();
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(form)![1]!;
    const fields = {
      csrf: csrfOf(form),
      idempotencyKey: key,
      name: "Zoë Ångström",
      email: "zoe@example.org",
      achievementId: "champions-2023-online",
      validUntil: "",
    };
    const bad = await browser.post("/console/issue", { ...fields, email: "not-an-email" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="email-error"');
    const a = await browser.post("/console/issue", fields);
    const b = await browser.post("/console/issue", fields);
    expect(a.status).toBe(303);
    expect(b.headers.get("location")).toBe(a.headers.get("location"));
    const id = a.headers.get("location")!.split("?")[0]!;
    // Accents and capitals ignored, and the participant's email finds it too.
    expect(await (await browser.get("/console/certificates?q=ZOE+angstrom")).text()).toContain(id);
    expect(await (await browser.get("/console/certificates?q=zoe%40example.org")).text()).toContain(id);
  });

  it("an admin adds a learning platform (secret shown once), rotates its secret, and the new one signs events", async () => {
    const browser = consoleClient(call);
    await browser.signIn(ADMIN);
    const page = await (await browser.get("/console/sources")).text();
    const csrf = csrfOf(page);
    const fields = { csrf, id: "console-lms", kind: "generic", name: "Console LMS", defaultLanguage: "en" };
    const bad = await browser.post("/console/sources", { ...fields, courses: "c-1 champions-2023-online" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("courses: line 1");
    const created = await browser.post("/console/sources", {
      ...fields,
      courses: "c-1 = champions-2023-online",
      notify: "yes",
    });
    expect(created.status).toBe(201);
    const first = /whsec_[A-Za-z0-9+/=]+/.exec(await created.text())![0];
    const listed = await (await browser.get("/console/sources")).text();
    expect(listed).toContain("/hooks/completions/console-lms");
    expect(listed).toContain("c-1 = champions-2023-online");
    expect(listed).not.toContain(first);

    const rotated = await browser.post("/console/sources/console-lms/rotate", {
      csrf,
      purpose: "webhook",
      graceSeconds: "0",
    });
    expect(rotated.status).toBe(200);
    const secret = /whsec_[A-Za-z0-9+/=]+/.exec(await rotated.text())![0];
    expect(secret).not.toBe(first);
    const body = completionBody("c-1", "enr-console", "Console Learner", "console-learner@example.org");
    const old = await deliver("console-lms", signedHeaders(first, "msg_console_old", body), body);
    expect(old.status).toBe(401);
    const ok = await deliver("console-lms", signedHeaders(secret, "msg_console_1", body), body);
    expect((await ok.json<any>()).outcome).toBe("issued");

    expect((await browser.post("/console/sources/console-lms/enabled", { csrf, enabled: "no" })).status).toBe(303);
    const off = await deliver("console-lms", signedHeaders(secret, "msg_console_2", body), body);
    expect((await off.json<any>()).code).toBe("ERR_SOURCE_DISABLED");
    const audit = await workerEnv.DB.prepare(
      "SELECT action FROM audit_log WHERE target = 'console-lms' AND actor = 'bootstrap' ORDER BY seq",
    ).all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual(["source.create", "source.key.rotate", "source.update"]);
  });

  it("an admin edits every field of an achievement no certificate carries; one in use has no edit form", async () => {
    const made = await postJson("/admin/programmes", {
      id: "console-2031",
      name: "Console 2031",
      online: { themes: ["A"] },
    });
    expect(made.status).toBe(201);
    await issue("Catalogue Holder", "champions-2023-online");
    const browser = consoleClient(call);
    await browser.signIn(ADMIN);
    const list = await (await browser.get("/console/catalogue")).text();
    expect(list).toContain('href="/console/catalogue/console-2031-online/edit"');
    expect(list).not.toContain('href="/console/catalogue/champions-2023-online/edit"');
    expect((await browser.get("/console/catalogue/champions-2023-online/edit")).status).toBe(409);
    const form = await (await browser.get("/console/catalogue/console-2031-online/edit")).text();
    const fields = {
      csrf: csrfOf(form),
      kind: "workshop",
      name: "Console 2031: Seoul workshop",
      description: "Two days in Seoul.",
      criteria: "Attend both days.",
      city: "Seoul",
      date: "2031-05-02",
      venue: "Seoul City Hall",
      themes: "Mobility\nHousing",
    };
    const missing = await browser.post("/console/catalogue/console-2031-online", { ...fields, city: "" });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("required for a workshop");
    const saved = await browser.post("/console/catalogue/console-2031-online", fields);
    expect([saved.status, saved.headers.get("location")]).toEqual([303, "/console/catalogue?done=achievement"]);
    const all = await (
      await call("/admin/achievements", { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json<any>();
    expect(all.achievements.find((a: any) => a.id === "console-2031-online")).toMatchObject({
      kind: "workshop",
      city: "Seoul",
      venue: "Seoul City Hall",
      themes: ["Mobility", "Housing"],
    });
  });
});
