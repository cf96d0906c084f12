import { describe, expect, it } from "vitest";
import { isFresh, LIVE_START, savedPage, SAVED_AT_HEADER, stampSaved } from "../../../src/browser/saved-copies";
import { renderCertificatePage } from "../../../src/pages/certificate-page";
import { messages } from "../../../src/pages/i18n";
import { signedFacts } from "../../../src/domain/signed-facts";
import { pageCsp } from "../../../src/routes/security";
import { credential, DID, ID } from "./fixtures";

const OLD = "b2xkLW5vbmNlLW9sZC1ub25jZQ";
const NEW = "bmV3LW5vbmNlLW5ldy1ub25jZQ";

async function page(verdict: "valid" | "revoked" = "valid") {
  return renderCertificatePage(messages("en"), "en", OLD, {
    id: ID,
    url: `https://certificates.example/c/${ID}`,
    verdict,
    status: verdict === "revoked" ? { state: "revoked", reason: "issued-in-error" } : undefined,
    checks: [{ check: "status", status: "passed", code: "OK", message: "" }],
    facts: signedFacts(await credential()),
    issuerDid: DID,
    shareable: true,
    reportContact: "secretariat@we-gov.org",
    baseUrl: "https://certificates.example",
    checkedAt: "2026-11-20T10:00:00Z",
  });
}

describe("savedPage (what the service worker serves offline)", () => {
  it("removes the live verdict and checks, shows the saved-copy banner as #verdict, and renews the nonce", async () => {
    for (const verdict of ["valid", "revoked"] as const) {
      const html = await page(verdict);
      expect(html).toContain(`data-verdict="${verdict}"`);
      const out = savedPage(html, pageCsp(OLD), NEW)!;
      expect(out.html).not.toContain(`data-verdict="${verdict}"`);
      expect(out.html).not.toContain("Passed");
      expect(out.html).not.toContain('class="checks"');
      expect(out.html).not.toContain(LIVE_START);
      expect(out.html).toMatch(/<section[^>]*id="verdict"[^>]*data-verdict="saved-unconfirmed"\s*>/);
      expect(out.html).not.toContain("<template");
      expect(out.html.match(/id="verdict"/g)).toHaveLength(1);
      expect(out.html).toContain("Saved copy — not confirmed");
      expect(out.html).toContain("on 20 November 2026");
      expect(out.html).toContain('data-source="cache"');
      expect(out.html).toContain("<title>WeGO</title>");
      expect(out.html).not.toContain(OLD);
      expect(out.html).toContain(`<style nonce="${NEW}">`);
      expect(out.csp).toBe(pageCsp(NEW));
    }
  });

  it("serves nothing for a copy that does not have the expected shape", async () => {
    const html = await page();
    expect(savedPage(html, null, NEW)).toBeNull();
    expect(savedPage(html, "default-src 'none'", NEW)).toBeNull();
    expect(savedPage(html.replace('data-source="network"', ""), pageCsp(OLD), NEW)).toBeNull();
    expect(savedPage(html.replaceAll(LIVE_START, ""), pageCsp(OLD), NEW)).toBeNull();
    expect(savedPage(html.replace('<template id="saved-verdict">', "<template>"), pageCsp(OLD), NEW)).toBeNull();
    expect(savedPage(html, pageCsp(OLD), 'bad nonce"')).toBeNull();
    expect(savedPage("<html>Valid</html>", pageCsp(OLD), NEW)).toBeNull();
  });
});

describe("saved copies expire", () => {
  it("stamps the save time and refuses copies older than 30 days, unstamped or from the future", async () => {
    const t = Date.parse("2026-11-20T10:00:00Z");
    const res = await stampSaved(new Response("x", { headers: { "content-type": "text/plain" } }), t);
    expect(res.headers.get(SAVED_AT_HEADER)).toBe(String(t));
    expect(await res.text()).toBe("x");
    expect(isFresh(res, t + 30 * 86400_000)).toBe(true);
    expect(isFresh(res, t + 30 * 86400_000 + 1)).toBe(false);
    expect(isFresh(res, t - 3600_000)).toBe(false);
    expect(isFresh(new Response("x"), t)).toBe(false);
  });
});
