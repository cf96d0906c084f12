/**
 * End-to-end: the public verification experience in headless Chromium against the service started
 * as the README starts it (`node scripts/dev.mjs`), on a phone-sized viewport.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeQr } from "../support/pdf-tools";
import { launchChromium, launchSystemChromium, runAxe, screenshot, systemChromiumPath } from "./support/browser";
import { e2ePort, startService, type Service } from "./support/service";

const NAME = "Ləman Əliyeva";
const PHONE = { width: 390, height: 844 };

let service: Service;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cert: { id: string; url: string; qrUrl?: string; pdfUrl: string };

async function admin(pathname: string, body: unknown): Promise<Response> {
  return fetch(service.base + pathname, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${service.adminToken}` },
    body: JSON.stringify(body),
  });
}

/** The QR URL from the issue response (certificate URL + `#` + compact token). */
function qrUrl(): string {
  return cert.qrUrl ?? cert.url;
}

async function verdict(p: Page): Promise<string | null> {
  return p.locator("#verdict").getAttribute("data-verdict");
}

async function expectNoAxeViolations(p: Page, label: string): Promise<void> {
  const violations = await runAxe(p);
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

beforeAll(async () => {
  service = await startService(e2ePort(1));
  const res = await admin("/admin/certificates", {
    recipient: { name: NAME, email: "laman@example.org" },
    achievementId: "champions-2023-workshop-baku",
  });
  expect(res.status).toBe(201);
  cert = (await res.json()) as typeof cert;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: PHONE, locale: "en-GB", serviceWorkers: "allow" });
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await service?.stop();
});

describe("certificate page in a browser", () => {
  it("shows Valid, the participant and the achievement, and re-checks the signature in the browser", async () => {
    await page.goto(qrUrl());
    await expect.poll(() => verdict(page)).toBe("valid");
    expect(await page.locator("h1").innerText()).toContain("Valid");
    expect(await page.locator("#participant").innerText()).toContain(NAME);
    expect(await page.locator("main").innerText()).toContain("Baku");
    expect(await page.locator("main").innerText()).toContain("Park Jung Sook, Secretary General");
    await expect.poll(() => page.locator("#browser-result").getAttribute("data-state"), { timeout: 15_000 }).toBe("ok");
    expect(await page.locator("#browser-result").innerText()).toContain("Checked a second time in your browser");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await screenshot(page, "certificate-valid-en");
    await expectNoAxeViolations(page, "certificate page (en)");
  });

  it("fills the LinkedIn add-to-profile link", async () => {
    const href = await page.locator("#linkedin").getAttribute("href");
    const u = new URL(href!);
    expect(u.origin + u.pathname).toBe("https://www.linkedin.com/profile/add");
    const q = Object.fromEntries(u.searchParams);
    expect(q.startTask).toBe("CERTIFICATION_NAME");
    expect(q.name).toBe("WeGO Sustainable Smart City Champions 2023: Baku workshop");
    expect(q.organizationName).toBe("World Smart Sustainable Cities Organization (WeGO)");
    const credential = (await (await fetch(`${cert.url}.json`)).json()) as { validFrom: string };
    const issued = new Date(credential.validFrom);
    expect(q.issueYear).toBe(String(issued.getUTCFullYear()));
    expect(q.issueMonth).toBe(String(issued.getUTCMonth() + 1));
    expect(q.certUrl).toBe(cert.url);
    expect(q.certId).toBe(cert.id);
  });

  it("switches to Korean with the visible switcher and remembers it", async () => {
    await page.locator('nav.langs a[lang="ko"]').click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ko");
    expect(await page.locator("h1").innerText()).toContain("유효함");
    expect(await page.locator("main").innerText()).toContain("참가자");
    expect(await page.locator("main").innerText()).toContain("2023년 10월 1일");
    await expect.poll(() => page.locator("#browser-result").getAttribute("data-state"), { timeout: 15_000 }).toBe("ok");
    await screenshot(page, "certificate-valid-ko");
    await expectNoAxeViolations(page, "certificate page (ko)");
    // The cookie keeps Korean without the query parameter.
    await page.goto(cert.url);
    expect(await page.locator("html").getAttribute("lang")).toBe("ko");
    await page.goto(`${cert.url}?lang=en`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
  });

  it("the PDF's QR code opens this page with the offline token", async () => {
    const res = await fetch(cert.pdfUrl);
    expect([res.status, res.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    // Rasterized by pdf.js and decoded by ZXing (test/support/pdf-tools.ts), as a phone camera would.
    const decoded = await decodeQr(new Uint8Array(await res.arrayBuffer()), 200);
    expect(decoded).toEqual([qrUrl()]);
    await page.goto(decoded[0]!);
    await expect.poll(() => verdict(page)).toBe("valid");
  });

  it("checks the QR URL offline when the network is down, without calling it valid", async () => {
    expect(qrUrl(), "the issue response has no qrUrl with a compact token").toContain("#");
    await page.goto(qrUrl());
    await expect.poll(() => page.locator("#browser-result").getAttribute("data-state"), { timeout: 15_000 }).toBe("ok");
    // Wait until the page has saved itself, the credential, the JWT, the JWKS and the script.
    await expect
      .poll(
        () =>
          page.evaluate(async () =>
            ((await caches.open("wego-verify-v2")) as unknown as { keys(): Promise<unknown[]> })
              .keys()
              .then((k) => k.length),
          ),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThanOrEqual(5);
    await context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => verdict(page), { timeout: 15_000 }).toBe("offline-signed");
      // Served by the service worker from its saved copy, not from the network.
      expect(await page.locator("html").getAttribute("data-source")).toBe("cache");
      const text = await page.locator("#verdict").innerText();
      expect(text).toContain("Signed by WeGO — current status not checked (offline)");
      expect(text).toContain("Revocation and suspension cannot be checked offline");
      expect(await page.locator("#participant").innerText()).toContain(NAME);
      await screenshot(page, "certificate-offline");
      await expectNoAxeViolations(page, "offline page");
    } finally {
      await context.setOffline(false);
    }
  });

  it("a tampered QR token fails offline", async () => {
    const [base, token] = qrUrl().split("#") as [string, string];
    const bad = token.slice(0, 40) + (token[40] === "A" ? "B" : "A") + token.slice(41);
    // A real navigation (not a same-document fragment change), online first so the page is fresh.
    await page.goto("about:blank");
    await page.goto(`${base}#${bad}`);
    await expect.poll(() => verdict(page)).toBe("valid");
    await context.setOffline(true);
    try {
      await page.reload();
      await expect.poll(() => verdict(page), { timeout: 15_000 }).toBe("offline-invalid");
    } finally {
      await context.setOffline(false);
    }
  });

  it("the /verify page verifies a pasted VC-JWT and follows a pasted link", async () => {
    const jwt = await (await fetch(`${cert.url}.jwt`)).text();
    await page.goto(`${service.base}/verify`);
    await expectNoAxeViolations(page, "verify page");
    await page.locator("#text").fill(jwt);
    await page.locator("#verify-form button[type=submit]").click();
    await expect.poll(() => verdict(page)).toBe("valid");
    expect(await page.locator("#result").innerText()).toContain(NAME);
    await screenshot(page, "verify-jwt");
    await expectNoAxeViolations(page, "verify result");
    await page.goto(`${service.base}/verify`);
    await page.locator("#text").fill(cert.url);
    await page.locator("#verify-form button[type=submit]").click();
    await page.waitForURL(cert.url);
    await expect.poll(() => verdict(page)).toBe("valid");
  });

  it("unknown ids show the not-found page", async () => {
    const res = await page.goto(`${service.base}/c/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(res?.status()).toBe(404);
    expect(await verdict(page)).toBe("not-found");
    await screenshot(page, "not-found");
    await expectNoAxeViolations(page, "not-found page");
  });

  it("shows Revoked with the reason after revocation", async () => {
    const res = await admin(`/admin/certificates/${cert.id}/revoke`, { reason: "Issued in error" });
    expect(res.status, await res.clone().text()).toBe(200);
    await page.goto(cert.url);
    await expect.poll(() => verdict(page)).toBe("revoked");
    const text = await page.locator("#verdict").innerText();
    expect(text).toContain("Revoked");
    expect(text).toContain("Issued in error");
    // A matching signature adds nothing true under a Revoked banner: the second check is not shown.
    expect(await page.locator("#browser-check").isHidden()).toBe(true);
    await screenshot(page, "certificate-revoked");
    await expectNoAxeViolations(page, "revoked page");
  });
});

// Optional second opinion: the same page in a system Chromium (CHROMIUM_PATH, or Debian's
// /usr/bin/chromium), run only where one is installed; the suite above uses the npm Chromium.
describe.skipIf(systemChromiumPath() === null)("system Chromium cross-check (skipped when none is installed)", () => {
  it("shows the (by now revoked) certificate in Korean", async () => {
    const system = await launchSystemChromium(systemChromiumPath()!);
    try {
      const p = await system.newPage({ viewport: PHONE, locale: "ko-KR" });
      await p.goto(`${cert.url}?lang=ko`);
      await expect.poll(() => verdict(p)).toBe("revoked");
      expect(await p.locator("html").getAttribute("lang")).toBe("ko");
      expect(await p.locator("#participant").innerText()).toContain(NAME);
      await screenshot(p, "certificate-revoked-ko-system-chromium");
    } finally {
      await system.close();
    }
  });
});

describe("static files", () => {
  // Served by Workers static assets, not the Worker: their headers come from assets/_headers.
  it("carry the security headers", async () => {
    const res = await fetch(service.base + "/static/verify.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const sw = await fetch(service.base + "/c/sw.js");
    expect(sw.headers.get("content-security-policy")).toContain("connect-src 'self'");
  });
});
