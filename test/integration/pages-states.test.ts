/**
 * The certificate page's states as an employer meets them: valid (picture, actions, og:image),
 * replaced by a corrected certificate, revoked and suspended (no sharing, no PDF or picture), and
 * files that are not WeGO certificates at all on /verify.
 */
import { describe, expect, it } from "vitest";
import { pngSize } from "../../src/lib/brand-image";
import { call, issue, postJson } from "../support/api";

const HTML = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

async function html(path: string): Promise<string> {
  return (await call(path, { headers: HTML })).text();
}

function form(fields: Record<string, string | File>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

describe("certificate page states", () => {
  it("valid: verdict, name as headline, the one-sentence summary, picture, actions in order, og:image", async () => {
    const issued = await issue("Ləman Əliyeva", "champions-2023-workshop-baku");
    const page = await html(`/c/${issued.id}`);
    const order = ['id="verdict"', 'id="participant"', 'id="issued-sentence"', 'id="preview"', 'id="download-pdf"'];
    const at = order.map((marker) => page.indexOf(marker));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const actions = ["download-pdf", "linkedin", "share", "print"].map((id) => page.indexOf(`id="${id}"`));
    expect([...actions].sort((a, b) => a - b)).toEqual(actions);
    expect(page).toMatch(/Issued by WeGO \(<a href="https:\/\/we-gov.org"[^>]*>we-gov.org<\/a>\) on \d+ \w+ \d{4} for/);
    expect(page).toContain('id="checked-at"');
    expect(page).toMatch(/<details class="live checks-disclosure" id="checks">/);
    expect(page).toContain('id="report-link"');
    expect(page).toContain(`<meta property="og:image" content="http://127.0.0.1:8787/c/${issued.id}.png" />`);
    expect(page).toContain('<meta property="og:image:width" content="1200" />');
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image" />');
    expect(page).toContain('src="/brand/logo.svg"');

    const png = await call(`/c/${issued.id}.png`);
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(png.headers.get("content-disposition")).toBe(
      `inline; filename="WeGO certificate - Leman Eliyeva.png"; filename*=UTF-8''WeGO%20certificate%20-%20L%C9%99man%20%C6%8Fliyeva.png`,
    );
    expect(pngSize(new Uint8Array(await png.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });

  it("replaced: a neutral state with a large button to the corrected certificate, no raw 'superseded'", async () => {
    const old = await issue("Lemen Aliyeva", "champions-2023-workshop-baku");
    const res = await postJson(`/admin/certificates/${old.id}/reissue`, {
      recipient: { name: "Ləman Əliyeva", email: "leman@example.org" },
      achievementId: "champions-2023-workshop-baku",
    });
    const fresh = await res.json<{ id: string }>();
    for (const lang of ["en", "ko"]) {
      const page = await html(`/c/${old.id}?lang=${lang}`);
      expect(page).toContain('data-verdict="replaced"');
      expect(page).toContain('class="verdict neutral"');
      expect(page).toContain(`id="current-certificate" href="/c/${fresh.id}"`);
      expect(page).not.toMatch(/superseded/i);
      expect(page).not.toContain('id="download-pdf"');
    }
    expect(await html(`/c/${old.id}`)).toContain("Replaced by a corrected certificate");
    expect(await html(`/c/${old.id}?lang=ko`)).toContain("수정된 인증서로 대체됨");
    expect((await call(`/c/${old.id}.pdf`)).status).toBe(410);
  });

  it("revoked and suspended: no sharing actions, and neither the PDF nor the picture is served", async () => {
    const revoked = await issue("Rev Oked");
    await postJson(`/admin/certificates/${revoked.id}/revoke`, { reason: "withdrawn", note: "internal only" });
    const suspended = await issue("Sus Pended");
    await postJson(`/admin/certificates/${suspended.id}/suspend`, { reason: "under-review" });
    for (const [c, code, status] of [
      [revoked, "ERR_REVOKED", 410],
      [suspended, "ERR_SUSPENDED", 409],
    ] as const) {
      const page = await html(`/c/${c.id}`);
      for (const id of ["download-pdf", "linkedin", "share", "print", "preview"])
        expect(page).not.toContain(`id="${id}"`);
      expect(page).toContain('id="actions-off"');
      expect(page).not.toContain("og:image");
      for (const ext of ["pdf", "png"]) {
        const res = await call(`/c/${c.id}.${ext}`);
        expect([res.status, (await res.json<{ code: string }>()).code]).toEqual([status, code]);
      }
      // The credential stays available: verifiers need it to see the status.
      expect((await call(`/c/${c.id}.json`)).status).toBe(200);
    }
    expect(await html(`/c/${suspended.id}`)).toContain("Under review");
    expect(await html(`/c/${revoked.id}`)).toContain("Withdrawn by WeGO");
    expect(await html(`/c/${revoked.id}`)).not.toContain("internal only");
    const staff = await call(`/admin/certificates/${revoked.id}`, {
      headers: { authorization: `Bearer ${(await import("../support/api")).ADMIN}` },
    });
    expect(await staff.json()).toMatchObject({ statusReason: "withdrawn", statusNote: "internal only" });
  });

  it("/verify: a non-WeGO file or credential is a red 'Not a WeGO certificate', verdict first", async () => {
    const junk = new File(["hello, this is not a certificate"], "note.txt", { type: "text/plain" });
    const unreadable = await call("/verify", { method: "POST", body: form({ file: junk }) });
    expect(unreadable.status).toBe(422);
    const page = await unreadable.text();
    expect(page).toContain('class="verdict bad"');
    expect(page).toContain('data-verdict="not-wego"');
    expect(page.indexOf('id="verdict"')).toBeLessThan(page.indexOf('id="verify-form"'));

    const foreign = {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiableCredential"],
      issuer: "did:web:diploma-mill.example",
      credentialSubject: { name: "Mallory" },
    };
    const other = await (
      await call("/verify", { method: "POST", body: form({ text: JSON.stringify(foreign) }) })
    ).text();
    expect(other).toContain('data-verdict="not-wego"');
    expect(other).not.toContain("Mallory");
  });
});

describe("configured sharing details", () => {
  it("LinkedIn gets WeGO's organizationId and the issue month; the report link goes to the configured contact", async () => {
    const { testDeps, client } = await import("../support/deps");
    const base = await testDeps();
    const deps = {
      ...base,
      config: { ...base.config, linkedInOrganizationId: "1234567", reportContact: "https://we-gov.org/report" },
    };
    const issued = await issue("Ann Lee", "champions-2023-online");
    const page = await (await client(deps).get(`/c/${issued.id}`, HTML)).text();
    const href = /id="linkedin" href="([^"]+)"/.exec(page)![1]!.replace(/&#38;/g, "&");
    const q = new URL(href).searchParams;
    expect(q.get("organizationId")).toBe("1234567");
    const issuedAt = new Date(String(issued.credential.validFrom));
    expect(q.get("issueMonth")).toBe(String(issuedAt.getUTCMonth() + 1));
    expect(page).toContain('<a href="https://we-gov.org/report" id="report-link">');
  });

  it("refuses a LinkedIn organisation id that is not a number, and a report contact that is neither mail nor https", async () => {
    const { createDeps } = await import("../../src/index");
    const { workerEnv } = await import("../support/deps");
    await expect(createDeps({ ...workerEnv, LINKEDIN_ORGANIZATION_ID: "wego" })).rejects.toMatchObject({
      code: "ERR_CONFIG",
    });
    await expect(createDeps({ ...workerEnv, REPORT_CONTACT: "http://insecure.example" })).rejects.toMatchObject({
      code: "ERR_CONFIG",
    });
  });
});
