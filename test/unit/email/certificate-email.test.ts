/** The participant message: hostile names stay text in both parts; links, languages, structure. */
import { describe, expect, it } from "vitest";
import { renderCertificateEmail, renderLookupEmail, safeName } from "../../../src/pages/email/certificate-email";
import type { CertificateMailItem } from "../../../src/domain/email";

const BASE = "https://certificates.example.org";
const item = (name: string, id = "AAAAAAAAAAAAAAAAAAAAAA"): CertificateMailItem => ({
  name,
  achievementName: "WeGO Sustainable Smart City Champions 2023 — Online",
  issuerName: "WeGO",
  official: "Park Jung Sook, Secretary General",
  issuedAt: "2026-12-01T09:00:00Z",
  id,
  url: `${BASE}/c/${id}`,
  pdfUrl: `${BASE}/c/${id}.pdf`,
});

const HOSTILE =
  '<img src=x onerror=alert(1)><script>alert("x")</script> & \u202eevil\u202c \u2067שלום\u2069 "quoted" \'single\'' +
  "\r\nBcc: victim@example.org " +
  "Ω".repeat(5000);

describe("participant message", () => {
  it("a hostile name (HTML, bidi overrides, line breaks, 5,000 characters) is text in both parts", () => {
    const m = renderCertificateEmail("issued", "en", BASE, item(HOSTILE));
    // HTML part: no markup from the name, no bidi controls, quotes escaped, name cut at 200.
    expect(m.html).not.toMatch(/<img|<script|onerror=alert\(1\)>/i);
    expect(m.html).toContain(
      "&#60;img src=x onerror=alert(1)&#62;&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38;",
    );
    expect(m.html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(m.html).toContain('<bdi dir="auto">');
    expect(m.html.match(/Ω/g)!.length).toBeLessThan(200);
    // Text part: the name isolated (FSI … PDI), no override or line break from it.
    const greeting = m.text.split("\n")[0]!;
    expect(greeting.startsWith("Dear \u2068<img src=x onerror=alert(1)>")).toBe(true);
    expect(greeting.endsWith("…\u2069,")).toBe(true);
    expect([...greeting.matchAll(/[\u202a-\u202e\u2066\u2067]/g)]).toEqual([]);
    expect(m.text).not.toContain("\r");
    expect(m.text.split("\n").some((l) => l.startsWith("Bcc:"))).toBe(false);
    // The subject never carries the name.
    expect(m.subject).toBe("Your WeGO certificate: WeGO Sustainable Smart City Champions 2023 — Online");
  });

  it("links the certificate page, the PDF and LinkedIn, says who signed and how to verify; no scripts or remote images", () => {
    const m = renderCertificateEmail("issued", "en", BASE, item("Ann Lee"));
    for (const part of [m.text, m.html]) {
      expect(part).toContain(`${BASE}/c/AAAAAAAAAAAAAAAAAAAAAA`);
      expect(part).toContain(`${BASE}/c/AAAAAAAAAAAAAAAAAAAAAA.pdf`);
      expect(part).toContain("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME");
      expect(part).toContain("Park Jung Sook, Secretary General");
      expect(part).toContain(`${BASE}/verify`);
    }
    expect(m.html).not.toMatch(/<script|<img|<link|<style|javascript:/i);
    expect(m.html).toMatch(/<table role="presentation"/);
  });

  it("Korean, and the reissue note", () => {
    const m = renderCertificateEmail("reissued", "ko", BASE, item("김민준"));
    expect(m.subject).toContain("정정된 WeGO 인증서");
    expect(m.text).toContain("이전 인증서는 더 이상 유효하지 않습니다");
    expect(m.html).toContain('<html lang="ko">');
    expect(renderCertificateEmail("issued", "en", BASE, item("A")).text).not.toContain("replaces");
  });

  it("the lookup message lists every certificate", () => {
    const m = renderLookupEmail("en", BASE, [item("Ann", "A".repeat(22)), item("Ann", "B".repeat(22))]);
    expect(m.text).toContain(`${BASE}/c/${"A".repeat(22)}`);
    expect(m.text).toContain(`${BASE}/c/${"B".repeat(22)}`);
    expect(m.html.match(/View your certificate/g)).toHaveLength(2);
  });

  it("safeName keeps scripts and marks but drops controls", () => {
    expect(safeName("  Ləman\u0000 Əliyeva\u200f ")).toBe("Ləman Əliyeva");
    expect(safeName("שלום עולם")).toBe("שלום עולם");
  });
});
