/** Hostile participant names: rendered safely or refused with a 400 naming recipient.name; never a crash. */
import { describe, expect, it } from "vitest";
import { call, postJson } from "../support/api";

const cases: [string, string][] = [
  ["empty", ""],
  ["spaces only", "   "],
  ["5,000 characters", "A".repeat(5000)],
  ["only combining marks", "\u0301\u0302\u0303"],
  ["RTL override", "\u202eevil\u202c Name"],
  ["emoji", "Kim 😀 Minjun"],
  ["newlines", "Kim\nMin-jun"],
  ["HTML/JS", "<script>alert(1)</script>"],
  ["NUL", "Kim\u0000Minjun"],
  ["mixed RTL/LTR", "محمد Ali"],
];

describe("hostile names at issue time", () => {
  it.each(cases)("%s", async (_label, name) => {
    const res = await postJson("/admin/certificates", {
      recipient: { name, email: "h@example.org" },
      achievementId: "champions-2023-online",
    });
    expect([201, 400]).toContain(res.status);
    const body = await res.json<any>();
    if (res.status === 400) {
      expect(body.field).toBe("recipient.name");
      expect(body.detail).toMatch(/recipient\.name/);
      return;
    }
    // Accepted: stored cleaned (no controls or bidi overrides) and the PDF and page render.
    const stored = body.credential.credentialSubject.name as string;
    expect(stored).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
    const pdf = await call(`/c/${body.id}.pdf`);
    expect(pdf.status).toBe(200);
    const page = await call(`/c/${body.id}`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("<script>alert(1)</script>");
  });
});
