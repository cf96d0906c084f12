import { describe, expect, it } from "vitest";
import { call, issue, postJson } from "../support/api";

const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

/** Page bytes with the per-response nonce blanked, for comparing two responses. */
const withoutNonce = (s: string) => s.replace(/nonce="[^"]+"/g, 'nonce=""');

describe("certificate page (GET /c/{id} for browsers)", () => {
  it("serves HTML with the verdict, name, issuer and a strict CSP whose nonce matches the inline style", async () => {
    const issued = await issue("Ləman Əliyeva", "champions-2023-workshop-baku");
    const res = await call(`/c/${issued.id}`, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const body = await res.text();
    expect(body).toContain('<html lang="en"');
    expect(body).toContain('data-verdict="valid"');
    expect(body).toContain('role="status"');
    expect(body).toContain("Ləman Əliyeva");
    expect(body).toContain("Park Jung Sook, Secretary General");
    expect(body).toContain("Azerbaijan Diplomatic Academy");
    expect(body).not.toContain("participant@example.org");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(body).toContain(`<style nonce="${nonce}">`);
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBeTruthy();
    // A fresh nonce per response.
    const again = await call(`/c/${issued.id}`, { headers: HTML });
    expect(again.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("keeps JSON for Accept: application/json", async () => {
    const issued = await issue();
    const res = await call(`/c/${issued.id}`, { headers: { accept: "application/json" } });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(issued.credential);
  });

  it("answers unknown and malformed ids with the same 404 page", async () => {
    const a = await call("/c/AAAAAAAAAAAAAAAAAAAAAA", { headers: HTML });
    const b = await call("/c/not-an-id!", { headers: HTML });
    const c = await call("/c/short", { headers: HTML });
    expect([a.status, b.status, c.status]).toEqual([404, 404, 404]);
    const [ta, tb, tc] = [withoutNonce(await a.text()), withoutNonce(await b.text()), withoutNonce(await c.text())];
    expect(ta).toContain('data-verdict="not-found"');
    expect(tb).toBe(ta);
    expect(tc).toBe(ta);
  });

  it("speaks Korean from Accept-Language, and ?lang= sets the lang cookie", async () => {
    const issued = await issue();
    const ko = await call(`/c/${issued.id}`, { headers: { ...HTML, "accept-language": "ko-KR,ko;q=0.9,en;q=0.8" } });
    const body = await ko.text();
    expect(body).toContain('<html lang="ko"');
    expect(body).toContain("유효함");
    expect(body).toContain("세계스마트지속가능도시기구");
    expect(ko.headers.get("content-language")).toBe("ko");
    const chosen = await call(`/c/${issued.id}?lang=ko`, { headers: { ...HTML, "accept-language": "en" } });
    expect(await chosen.text()).toContain("유효함");
    const cookie = chosen.headers.get("set-cookie")!.split("; ");
    expect(cookie).toEqual(expect.arrayContaining(["lang=ko", "Path=/", "Max-Age=31536000", "SameSite=Lax"]));
    const byCookie = await call(`/c/${issued.id}`, { headers: { ...HTML, cookie: "lang=ko" } });
    expect(await byCookie.text()).toContain('<html lang="ko"');
  });

  it("shows Revoked with its public reason, translated, and never the staff note", async () => {
    const issued = await issue();
    const res = await postJson(`/admin/certificates/${issued.id}/revoke`, {
      reason: "issued-in-error",
      note: "Staff note: wrong cohort spreadsheet",
    });
    expect(res.status).toBe(200);
    const page = await (await call(`/c/${issued.id}`, { headers: HTML })).text();
    expect(page).toContain('data-verdict="revoked"');
    expect(page).toContain('data-reason="issued-in-error"');
    expect(page).toContain("Issued in error");
    expect(page).not.toContain("wrong cohort");
    const ko = await (await call(`/c/${issued.id}?lang=ko`, { headers: HTML })).text();
    expect(ko).toContain("잘못 발급됨");
  });
});
