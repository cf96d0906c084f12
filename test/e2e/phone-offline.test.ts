/**
 * End-to-end, as an employer's phone (or an attacker holding one) sees it: pages saved while valid,
 * then checked offline, with the server blocked while the phone believes it is online, and after
 * revocation. No revoked, tampered or unconfirmable copy may show "Valid" or "Verified offline".
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { SETTLE_MS } from "./support/settle";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot } from "./support/browser";
import { e2ePort, printServiceTailOnFailure, startService, type Service } from "./support/service";

const PHONE = { width: 390, height: 844 };
const CACHE = "wego-verify-v2";

let service: Service;
let browser: Browser;
/** The page whose service worker state a failed test reports. */
let watched: Page | undefined;
printServiceTailOnFailure(
  () => service,
  async () =>
    `service worker on the phone page: ${await watched?.evaluate(async () => {
      const n = (globalThis as unknown as { navigator: { serviceWorker?: any } }).navigator;
      const regs = n.serviceWorker ? await n.serviceWorker.getRegistrations() : [];
      return JSON.stringify({
        controlled: Boolean(n.serviceWorker?.controller),
        registrations: regs.map((r: any) => ({
          scope: r.scope,
          installing: r.installing?.state ?? null,
          waiting: r.waiting?.state ?? null,
          active: r.active?.state ?? null,
        })),
      });
    })}`,
);

interface Issued {
  id: string;
  url: string;
  qrUrl: string;
  pdfUrl: string;
}

async function admin(pathname: string, body: unknown): Promise<Response> {
  return fetch(service.base + pathname, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${service.adminToken}` },
    body: JSON.stringify(body),
  });
}

async function issue(name: string): Promise<Issued> {
  const res = await admin("/admin/certificates", {
    recipient: { name, email: `p${Math.random().toString(36).slice(2)}@example.org` },
    achievementId: "champions-2023-workshop-baku",
  });
  expect(res.status).toBe(201);
  const issued = (await res.json()) as Issued;
  expect(issued.qrUrl).toContain("#");
  return issued;
}

async function revoke(id: string): Promise<void> {
  const res = await admin(`/admin/certificates/${id}/revoke`, { reason: "issued-in-error" });
  expect(res.status, await res.clone().text()).toBe(200);
}

/**
 * Takes the phone offline. `setOffline` alone does not reach the service worker's own fetches in
 * every Chromium (the npm Chromium 147 still fetched through it), so requests to the service are
 * also aborted as a disconnected network would.
 */
async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true);
  await context.route(`${service.base}/**`, (route) => route.abort("internetdisconnected"));
}

async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute(`${service.base}/**`);
  await context.setOffline(false);
}

async function newPhone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, locale: "en-GB", serviceWorkers: "allow" });
  const page = await context.newPage();
  watched = page;
  return { context, page };
}

const verdict = (p: Page) => p.locator("#verdict").getAttribute("data-verdict");

async function savedEntries(p: Page): Promise<number> {
  return p.evaluate(
    async (name) =>
      ((await caches.open(name)) as unknown as { keys(): Promise<unknown[]> }).keys().then((k) => k.length),
    CACHE,
  );
}

/** Opens a page online and waits until it and what the offline check needs are saved. */
async function visitAndSave(p: Page, url: string, expected: string): Promise<void> {
  await p.goto("about:blank");
  await p.goto(url);
  await expect.poll(() => verdict(p)).toBe(expected);
  await expect.poll(() => savedEntries(p), { timeout: SETTLE_MS }).toBeGreaterThanOrEqual(5);
}

/** A real navigation (not a same-document fragment change) to `url`. */
async function open(p: Page, url: string): Promise<void> {
  await p.goto("about:blank");
  await p.goto(url);
}

/** What a page must never say about a certificate it cannot vouch for. */
async function expectNoValidClaim(p: Page): Promise<void> {
  const main = await p.locator("main").innerText();
  expect(await p.locator("h1").first().innerText()).not.toMatch(/^\W*Valid$/);
  expect(main).not.toContain("Verified offline");
  expect(main).not.toMatch(/Revocation and suspension status:\s*Passed/);
  expect(main).not.toContain("Checked a second time");
  expect(await p.title()).not.toMatch(/^Valid/);
}

beforeAll(async () => {
  service = await startService(e2ePort(2));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe("a phone that saved a page while it was valid, after the certificate is revoked", () => {
  let phone: { context: BrowserContext; page: Page };
  let cert: Issued;

  afterAll(() => phone?.context.close());

  it("online and valid: the second check in the browser passes and the page is saved", async () => {
    cert = await issue("Nina Ivanova");
    phone = await newPhone();
    await visitAndSave(phone.page, cert.qrUrl, "valid");
    expect(await phone.page.locator("#browser-result").getAttribute("data-state")).toBe("ok");
    expect(await phone.page.locator("#browser-result").innerText()).toContain("Checked a second time in your browser");
    await revoke(cert.id);
  });

  for (const [label, suffix] of [
    ["#%", () => "#%"],
    ["a token followed by %zz", () => `#${cert.qrUrl.split("#")[1]}%zz`],
  ] as const) {
    it(`offline, a badly percent-encoded fragment (${label}) gives "saved copy, not confirmed"`, async () => {
      const { context, page } = phone;
      await goOffline(context);
      try {
        await open(page, cert.url + suffix());
        await expect.poll(() => verdict(page), { timeout: SETTLE_MS }).toBe("saved-unconfirmed");
        expect(await page.locator("html").getAttribute("data-source")).toBe("cache");
        const text = await page.locator("#verdict").innerText();
        expect(text).toContain("Saved copy — not confirmed");
        expect(text).toContain("damaged");
        expect(await page.locator(".checks").count()).toBe(0);
        expect(await page.locator("main").innerText()).not.toContain("Passed");
        await expectNoValidClaim(page);
      } finally {
        await goOnline(context);
      }
    });
  }

  it("with the server blocked while the phone is online, the saved copy shows signed-but-status-unknown, never Valid", async () => {
    const { context, page } = phone;
    // A hostile network: the phone believes it is online, but nothing reaches the service.
    await context.route(`${service.base}/**`, (route) => route.abort("connectionrefused"));
    try {
      await open(page, cert.qrUrl);
      await expect.poll(() => verdict(page), { timeout: SETTLE_MS }).toBe("offline-signed");
      expect(
        await page.evaluate(() => (globalThis as unknown as { navigator: { onLine: boolean } }).navigator.onLine),
      ).toBe(true);
      expect(await page.locator("html").getAttribute("data-source")).toBe("cache");
      const text = await page.locator("#verdict").innerText();
      expect(text).toContain("current status not checked");
      expect(text).toContain("Revocation and suspension cannot be checked offline");
      expect(text).toContain("This device last loaded this certificate online on");
      expect(text).toContain("every detail shown on this page is what WeGO signed");
      await expectNoValidClaim(page);
      await screenshot(page, "phone-blocked-server");
    } finally {
      await context.unroute(`${service.base}/**`);
    }
  });

  it("back online, the page says Revoked and re-saves; offline it then stays Revoked", async () => {
    const { context, page } = phone;
    await visitAndSave(page, cert.qrUrl, "revoked");
    expect(await page.locator("#browser-check").isHidden()).toBe(true);
    await expectNoValidClaim(page);
    await goOffline(context);
    try {
      await open(page, cert.qrUrl);
      await expect.poll(() => verdict(page), { timeout: SETTLE_MS }).toBe("saved-revoked");
      const text = await page.locator("#verdict").innerText();
      expect(text).toContain("Revoked");
      expect(text).toContain("when this device last loaded this certificate online");
      await expectNoValidClaim(page);
      await screenshot(page, "phone-offline-revoked");
    } finally {
      await goOnline(context);
    }
  });
});

describe("offline checks of a valid saved copy", () => {
  let phone: { context: BrowserContext; page: Page };
  let cert: Issued;

  afterAll(() => phone?.context.close());

  it("offline, a valid saved copy is 'signed by WeGO, status not checked', never Valid", async () => {
    cert = await issue("Ελένη Παπαδοπούλου");
    phone = await newPhone();
    await visitAndSave(phone.page, cert.qrUrl, "valid");
    await goOffline(phone.context);
    try {
      await open(phone.page, cert.qrUrl);
      await expect.poll(() => verdict(phone.page), { timeout: SETTLE_MS }).toBe("offline-signed");
      expect(await phone.page.locator("#participant").innerText()).toContain("Ελένη Παπαδοπούλου");
      await expectNoValidClaim(phone.page);
      await screenshot(phone.page, "phone-offline-signed");
    } finally {
      await goOnline(phone.context);
    }
  });

  it("a tampered QR token fails offline", async () => {
    const [base, token] = cert.qrUrl.split("#") as [string, string];
    const bad = token.slice(0, 40) + (token[40] === "A" ? "B" : "A") + token.slice(41);
    await goOffline(phone.context);
    try {
      await open(phone.page, `${base}#${bad}`);
      await expect.poll(() => verdict(phone.page), { timeout: SETTLE_MS }).toBe("offline-invalid");
      await expectNoValidClaim(phone.page);
    } finally {
      await goOnline(phone.context);
    }
  });

  it("without the saved credential, says which details were and were not checked", async () => {
    const { context, page } = phone;
    await page.evaluate(
      async ([name, id]) => {
        const cache = await caches.open(name!);
        await cache.delete(`/c/${id}.jwt`);
        await cache.delete(`/c/${id}.json`);
      },
      [CACHE, cert.id],
    );
    // The browser's HTTP cache would still hold the credential (max-age=60): empty it too.
    await (await context.newCDPSession(page)).send("Network.clearBrowserCache");
    await goOffline(context);
    try {
      await open(page, cert.qrUrl);
      await expect.poll(() => verdict(page), { timeout: SETTLE_MS }).toBe("offline-signed");
      const text = await page.locator("#verdict").innerText();
      expect(text).toContain("It confirms the participant's name, the programme (champions-2023-workshop-baku)");
      expect(text).toContain("could not be checked offline: the signed credential is not saved on this device");
      await expectNoValidClaim(page);
    } finally {
      await goOnline(context);
    }
  });

  it("a copy older than the retention period is not checked", async () => {
    const { context, page } = phone;
    await goOffline(context);
    try {
      await page.goto("about:blank");
      await page.clock.setFixedTime(Date.now() + 31 * 24 * 3600 * 1000);
      await page.goto(cert.qrUrl);
      await expect.poll(() => verdict(page), { timeout: SETTLE_MS }).toBe("saved-expired");
      expect(await page.locator("#verdict").innerText()).toContain("Saved copies are used for 30 days only");
      await expectNoValidClaim(page);
    } finally {
      await goOnline(context);
    }
  });
});

describe("the /verify page", () => {
  let phone: { context: BrowserContext; page: Page };
  let cert: Issued;

  beforeAll(async () => {
    cert = await issue("Ana Souza");
    phone = await newPhone();
  });
  afterAll(() => phone.context.close());

  it("sends an uploaded PDF to the API and shows its verdict: a genuine PDF is valid", async () => {
    const pdf = Buffer.from(await (await fetch(cert.pdfUrl)).arrayBuffer());
    const { page } = phone;
    await page.goto(`${service.base}/verify`);
    const api = page.waitForRequest((r) => r.url().endsWith("/credentials/verify") && r.method() === "POST");
    await page.locator("#file").setInputFiles({ name: "c.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.locator("#verify-form button[type=submit]").click();
    expect((await api).headers()["content-type"]).toBe("application/pdf");
    await expect.poll(() => verdict(page), { timeout: SETTLE_MS }).toBe("valid");
    expect(await page.locator('#result [data-check="pdf-content"]').getAttribute("data-status")).toBe("passed");
  });

  it("a plainly edited PDF (attachment intact) is 'not a WeGO certificate' on the page, invalid on the API", async () => {
    const doc = await PDFDocument.load(new Uint8Array(await (await fetch(cert.pdfUrl)).arrayBuffer()));
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.getPages()[0]!.drawText("Mallory Example", { x: 60, y: 60, size: 28, font });
    const edited = Buffer.from(await doc.save());
    const api = (await fetch(`${service.base}/credentials/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: edited,
    }).then((r) => r.json())) as { verdict: string; checks: { code: string }[] };
    const { page } = phone;
    await page.goto(`${service.base}/verify`);
    await page.locator("#file").setInputFiles({ name: "c.pdf", mimeType: "application/pdf", buffer: edited });
    await page.locator("#verify-form button[type=submit]").click();
    // Bytes WeGO never issued (services/certificate-pdf.ts): the same words as the no-JS form.
    await expect.poll(() => verdict(page), { timeout: SETTLE_MS }).toBe("not-wego");
    expect([api.verdict, api.checks.map((c) => c.code)]).toEqual(["invalid", ["ERR_PDF_NOT_ISSUED"]]);
    expect(await page.locator("#result").innerText()).not.toContain("Mallory");
    await screenshot(page, "verify-edited-pdf");
  });

  it("an upload over 256 KiB gets the page's own 'too large' message, with and without JavaScript", async () => {
    const big = Buffer.alloc(300 * 1024, 0x41);
    const { page } = phone;
    await page.goto(`${service.base}/verify`);
    await page.locator("#file").setInputFiles({ name: "big.json", mimeType: "application/json", buffer: big });
    await page.locator("#verify-form button[type=submit]").click();
    await expect.poll(() => page.locator("#result-error").innerText()).toBe("The file is too large.");
    const form = new FormData();
    form.append("file", new File([big], "big.json", { type: "application/json" }));
    const res = await fetch(`${service.base}/verify`, { method: "POST", body: form });
    expect([res.status, res.headers.get("content-type")]).toEqual([413, "text/html; charset=utf-8"]);
    expect(await res.text()).toContain("The file is too large.");
  });
});
