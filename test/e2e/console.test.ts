/**
 * End-to-end: the staff console in headless Chromium against the service started as `npm start`
 * starts it. Sign in with the printed token, find a Hangul name, revoke with a reason and see it
 * revoked on the public page, reissue with a corrected name, a read-only token sees no buttons and
 * gets 403 posting anyway, CSRF-less posts are refused, axe on every page in English and Korean.
 */
import { unzipSync } from "fflate";
import type { Browser, BrowserContext, Page } from "playwright-core";
import writeXlsxFile from "write-excel-file/universal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, runAxe, screenshot } from "./support/browser";
import { e2ePort, printServiceTailOnFailure, startService, type Service } from "./support/service";

let service: Service;
printServiceTailOnFailure(() => service);
let browser: Browser;
let staff: BrowserContext;
let page: Page;
const certs: Record<string, { id: string; url: string }> = {};
let readToken: string;

async function api(pathname: string, body: unknown) {
  const res = await fetch(service.base + pathname, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${service.adminToken}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return res.json() as Promise<any>;
}

async function noAxeViolations(p: Page, label: string) {
  const violations = await runAxe(p);
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function signIn(p: Page, token: string) {
  await p.goto(`${service.base}/console`);
  expect(new URL(p.url()).pathname).toBe("/console/sign-in");
  await p.getByLabel("Access token").fill(token);
  await p.getByRole("button", { name: "Sign in" }).click();
  await p.waitForURL(`${service.base}/console`);
}

async function publicVerdict(p: Page, url: string) {
  await p.goto(url);
  return p.locator("#verdict").getAttribute("data-verdict");
}

beforeAll(async () => {
  service = await startService(e2ePort(5));
  certs.hangul = await api("/admin/certificates", {
    recipient: { name: "이서연", email: "seoyeon@example.org" },
    achievementId: "champions-2023-workshop-munich",
  });
  certs.misspelt = await api("/admin/certificates", {
    recipient: { name: "Jon Smiht", email: "jon@example.org" },
    achievementId: "champions-2023-online",
  });
  readToken = (await api("/admin/tokens", { name: "Auditor", scopes: ["read"] })).token;
  browser = await launchChromium();
  staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  page = await staff.newPage();
});

afterAll(async () => {
  await staff?.close();
  await browser?.close();
  await service?.stop();
});

const LA = "WeGO Sustainable Smart City Champions 2023: Los Angeles workshop";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** 300 participants with our colleagues' headers; rows 50, 150 and 250 are bad unless `fixed`. */
async function cohortXlsx(fixed: boolean): Promise<Buffer> {
  const rows: { value: string }[][] = [
    ["Full name", "E-mail", "Workshop", "Participant ID"].map((value) => ({ value })),
  ];
  for (let i = 1; i <= 300; i++) {
    const bad = !fixed && [50, 150, 250].includes(i);
    rows.push(
      [
        bad && i === 50 ? " " : `Participant ${i} 참가자`,
        bad && i === 150 ? "participant150(at)example.org" : `p${i}@example.org`,
        bad && i === 250 ? "Tokyo workshop" : LA,
        `la-2023-${i}`,
      ].map((value) => ({ value })),
    );
  }
  return Buffer.from(await (await writeXlsxFile(rows as never).toBlob()).arrayBuffer());
}

/** Uploads a workbook, checks it, issues the ready rows and waits for the progress bar to finish. */
async function issueCohort(p: Page, file: Buffer, expectCounts: string, label: string) {
  await p.goto(`${service.base}/console/upload`);
  await p
    .getByLabel("Spreadsheet (.xlsx or .csv)")
    .setInputFiles({ name: "cohort-la.xlsx", mimeType: XLSX, buffer: file });
  await p.getByRole("button", { name: "Check the file" }).click();
  expect(await p.locator("#counts").innerText()).toBe(expectCounts);
  await noAxeViolations(p, `upload check ${label}`);
  await screenshot(p, `console-upload-check-${label}`);
  await p.locator("#issue").click();
  await p.locator("#batch-done").waitFor({ timeout: 150_000 });
  expect(await p.locator("#progress").getAttribute("value")).toBe("300");
  return p.locator("#batch-done").innerText();
}

describe("staff console", () => {
  it("signs in with the printed token, finds a Hangul name and revokes it with a reason", async () => {
    await page.goto(`${service.base}/console/sign-in`);
    await noAxeViolations(page, "sign-in (en)");
    await screenshot(page, "console-sign-in");
    await signIn(page, service.adminToken);
    expect(await page.locator("h1").innerText()).toBe("Dashboard");
    await screenshot(page, "console-dashboard");

    await page.getByRole("link", { name: "Find certificates" }).click();
    await page.getByLabel("Name, certificate id or external id").fill("서연");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "이서연" }).click();
    expect(new URL(page.url()).pathname).toBe(`/console/certificates/${certs.hangul!.id}`);
    expect(await page.locator("#participant").innerText()).toBe("이서연");
    await screenshot(page, "console-certificate");

    await page
      .getByLabel("Public reason (shown, translated, to anyone who checks the certificate)")
      .first()
      .selectOption("issued-in-error");
    await page
      .getByLabel("Internal note (optional; staff and the audit log only, never shown publicly)")
      .first()
      .fill("Did not attend the workshop");
    await page.getByRole("button", { name: "Revoke…" }).click();
    expect(await page.locator("#question").innerText()).toBe("Revoke the certificate of 이서연?");
    await noAxeViolations(page, "confirm (en)");
    await screenshot(page, "console-confirm-revoke");
    await page.getByRole("button", { name: "Yes, revoke" }).click();
    expect(await page.locator(".flash").innerText()).toBe("The certificate is revoked.");
    expect(await page.locator("#status-reason").innerText()).toBe("Issued in error");

    const pub = await staff.newPage();
    expect(await publicVerdict(pub, certs.hangul!.url)).toBe("revoked");
    expect(await pub.locator("main").innerText()).toContain("Issued in error");
    expect(await pub.locator("main").innerText()).not.toContain("Did not attend the workshop");
    await pub.close();
  });

  it("reissues a misspelt name after a confirmation; the old certificate is revoked as replaced", async () => {
    await page.goto(`${service.base}/console/certificates?q=smiht`);
    await page.getByRole("link", { name: "Jon Smiht" }).click();
    await page.getByRole("link", { name: "Correct and reissue…" }).click();
    await page.getByLabel("Participant's name (as it will be printed)").fill("Jon Smith");
    await page.getByLabel("Participant's email").fill("jon@example.org");
    await page.getByRole("button", { name: "Review the correction" }).click();
    expect(await page.locator("main").innerText()).toContain("Jon Smith");
    await page.getByRole("button", { name: "Yes, reissue" }).click();
    expect(await page.locator(".flash").innerText()).toContain("The corrected certificate is issued");
    expect(await page.locator("#participant").innerText()).toBe("Jon Smith");
    const newUrl = await page.locator("#public-link").getAttribute("href");
    const pub = await staff.newPage();
    expect(await publicVerdict(pub, newUrl!)).toBe("valid");
    expect(await publicVerdict(pub, certs.misspelt!.url)).toBe("replaced");
    await pub.close();
  });

  it("issues a cohort from an .xlsx of 300 with 3 bad rows, then the corrected file issues only those 3", async () => {
    await page.goto(`${service.base}/console/upload`);
    await noAxeViolations(page, "upload form (en)");
    const first = await issueCohort(
      page,
      await cohortXlsx(false),
      "300 rows: 297 ready to issue, 0 already issued, 3 with problems.",
      "first",
    );
    expect(first).toBe("Finished: 297 issued, 0 already issued before, 3 with problems.");
    await screenshot(page, "console-batch-done");
    await noAxeViolations(page, "batch done (en)");
    const second = await issueCohort(
      page,
      await cohortXlsx(true),
      "300 rows: 3 ready to issue, 297 already issued, 0 with problems.",
      "corrected",
    );
    expect(second).toBe("Finished: 3 issued, 297 already issued before, 0 with problems.");

    // The print pack of the workshop: one PDF per certificate, each one WeGO's.
    const zip = await staff.request.get(
      `${service.base}/console/certificates/pdfs.zip?programme=champions-2023-workshop-los-angeles`,
      { timeout: 170_000 },
    );
    expect(zip.status()).toBe(200);
    const packed = new Uint8Array(await zip.body());
    const files = unzipOrExplain(packed, service.log());
    const pdfs = Object.entries(files).filter(([name]) => name.endsWith(".pdf"));
    expect(pdfs.length).toBe(300);
    for (const [, bytes] of pdfs) expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const check = await fetch(`${service.base}/credentials/verify`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: pdfs[123]![1],
    });
    expect(((await check.json()) as { verdict: string }).verdict).toBe("valid");
  });

  it("refuses posts without the session's CSRF token or from another origin", async () => {
    const target = `${service.base}/console/certificates/${certs.misspelt!.id}/suspend`;
    const noToken = await staff.request.post(target, {
      form: { reason: "withdrawn", confirm: "yes" },
      headers: { origin: service.base },
      maxRedirects: 0,
    });
    expect(noToken.status()).toBe(403);
    await page.goto(`${service.base}/console`);
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    const crossSite = await staff.request.post(target, {
      form: { csrf, reason: "withdrawn", confirm: "yes" },
      headers: { origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(crossSite.status()).toBe(403);
  });

  it("a read-only token sees no action buttons and gets 403 when it posts anyway", async () => {
    const reader = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-GB" });
    const p = await reader.newPage();
    await signIn(p, readToken);
    expect(await p.getByRole("link", { name: "Issue one" }).count()).toBe(0);
    await p.goto(`${service.base}/console/certificates/${certs.misspelt!.id}`);
    expect(await p.locator("main").innerText()).toContain("Your account can look but not change certificates.");
    expect(await p.getByRole("button", { name: /Revoke|Suspend/ }).count()).toBe(0);
    await screenshot(p, "console-read-only-phone");
    await noAxeViolations(p, "read-only certificate view on a phone");
    const csrf = await p.locator('input[name="csrf"]').first().inputValue();
    const res = await reader.request.post(`${service.base}/console/certificates/${certs.misspelt!.id}/revoke`, {
      form: { csrf, reason: "withdrawn", confirm: "yes" },
      headers: { origin: service.base },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    await reader.close();
  });

  it("has no axe violations on any console page, in English and Korean", async () => {
    const id = certs.misspelt!.id;
    // A learning platform and an achievement no certificate carries yet, for their console pages.
    await api("/admin/sources", {
      id: "e2e-lms",
      name: "E2E LMS",
      kind: "generic",
      courses: { c1: "champions-2023-online" },
    });
    await api("/admin/programmes", { id: "e2e-2032", name: "E2E 2032", online: { themes: ["Mobility"] } });
    const active = await api("/admin/certificates", {
      recipient: { name: "Noa Notice", email: "noa@example.org" },
      achievementId: "champions-2023-online",
      notify: true,
    });
    const pages = [
      "/console/sources",
      "/console/catalogue/e2e-2032-online/edit",
      "/console",
      "/console/certificates",
      `/console/certificates?q=${encodeURIComponent("이서연")}`,
      `/console/certificates/${certs.hangul!.id}`,
      "/console/issue",
      "/console/audit",
      "/console/admin",
      "/console/upload",
      "/console/catalogue",
      "/console/no-such-page",
    ];
    for (const lang of ["en", "ko"]) {
      for (const path of pages) {
        await page.goto(`${service.base}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
        expect(await page.locator("html").getAttribute("lang")).toBe(lang);
        await noAxeViolations(page, `${path} (${lang})`);
      }
      // The reissue form of the replacement certificate, and a confirmation page, in this language.
      await page.goto(`${service.base}/console/certificates?q=jon+smith&lang=${lang}`);
      await page.locator("tbody a").first().click();
      await noAxeViolations(page, `certificate view (${lang})`);
      await page.locator('form[action$="/suspend"] textarea').fill("Checking attendance");
      await page.locator('form[action$="/suspend"] button').click();
      await noAxeViolations(page, `confirm suspend (${lang})`);
      if (lang === "ko") await screenshot(page, "console-confirm-ko");
      await page.goto(`${service.base}/console/certificates/${id}?lang=${lang}`);
      await noAxeViolations(page, `revoked certificate view (${lang})`);
      // The revoke confirmation with the notice to the participant.
      await page.goto(`${service.base}/console/certificates/${active.id}?lang=${lang}`);
      await page.locator('form[action$="/revoke"] select').selectOption("withdrawn");
      await page.locator('form[action$="/revoke"] input[name="notify"]').check();
      await page.locator('form[action$="/revoke"] button').click();
      await noAxeViolations(page, `confirm revoke with notice (${lang})`);
    }
    await page.goto(`${service.base}/console/certificates/${active.id}?lang=en`);
    // The preview picture loads under the console's CSP (img-src 'self'): decoded at its full width.
    const img = page.locator("img.preview");
    await img.evaluate((i) => (i as unknown as { decode(): Promise<void> }).decode());
    expect(await img.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBe(1200);
    await screenshot(page, "console-certificate-deliveries");
    await page.goto(`${service.base}/console/audit?lang=en`);
    await screenshot(page, "console-audit");
  });
});

/** Unzips the print pack; a broken one fails with its size and the service's last log lines. */
function unzipOrExplain(bytes: Uint8Array, log: string) {
  try {
    return unzipSync(bytes);
  } catch (e) {
    throw new Error(
      `the print pack (${bytes.length} bytes) is not a whole ZIP (${String(e)}); service log:\n${log.slice(-4000)}`,
    );
  }
}
