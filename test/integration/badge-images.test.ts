/**
 * The images a credential names (OB 3.0 `Achievement.image`, `Profile.image`): every URL in an
 * issued credential resolves to a self-contained SVG, served so that nothing in it can run.
 */
import { describe, expect, it } from "vitest";
import { SEED_CATALOGUE } from "../../src/domain/catalogue";
import { BASE, call, issue, postJson } from "../support/api";

/** Fetches an absolute URL of the service and checks it is a safe SVG; returns the markup. */
async function svgAt(url: string): Promise<string> {
  expect(url.startsWith(BASE + "/")).toBe(true);
  const res = await call(url.slice(BASE.length));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
  expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  const body = await res.text();
  expect(body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/s);
  // Nothing that executes or fetches: no script, event handler, link, foreign content or style.
  const markup = (body.match(/<[^>]*>/g) ?? []).join("");
  expect(markup).not.toMatch(/<script|<foreignObject|<style|<image|<a\b|\son[a-z]+=|href=|url\(/i);
  // Every element is one the badge draws.
  for (const tag of markup.match(/<\/?([a-zA-Z]+)/g)!) expect(tag).toMatch(/^<\/?(svg|title|circle|rect|path|text)$/);
  return body;
}

describe("badge images", () => {
  it("every catalogue achievement's credential names its badge and the issuer's image, and both resolve", async () => {
    for (const a of SEED_CATALOGUE) {
      const { credential } = await issue("Nguyễn Thị Minh Khai", a.id);
      const achievement = (credential.credentialSubject as any).achievement;
      expect(achievement.image).toEqual({
        id: `${BASE}/achievements/${a.id}/image.svg`,
        type: "Image",
        caption: `Badge: ${a.name}`,
      });
      const svg = await svgAt(achievement.image.id);
      expect(svg).toContain(`<title id="t">Badge: ${a.name.replace(/'/g, "&apos;")}</title>`);
      expect(svg).toContain(a.kind === "online" ? "Online lectures" : a.city!);
      const issuer = credential.issuer as any;
      // WeGO's emblem from the brand files (served from the static assets, checked in e2e).
      expect(issuer.image).toEqual({ id: `${BASE}/brand/emblem.png`, type: "Image", caption: issuer.name });
    }
  });

  it("the catalogue's Achievement JSON names the same image", async () => {
    const res = await call("/achievements/champions-2023-workshop-geneva");
    const body = (await res.json()) as any;
    expect(body.image.id).toBe(`${BASE}/achievements/champions-2023-workshop-geneva/image.svg`);
  });

  it("text an admin typed is escaped, and an unknown achievement is 404", async () => {
    const res = await postJson("/admin/achievements", {
      id: "badge-escape-test",
      kind: "workshop",
      name: `A <script>alert(1)</script> & "quoted" workshop`,
      description: "d",
      criteria: "c",
      city: `<img src=x onerror=alert(1)>`,
      date: "2024-05-01",
      themes: ["</text><script>alert(2)</script>"],
    });
    expect(res.status).toBe(201);
    const svg = await svgAt(`${BASE}/achievements/badge-escape-test/image.svg`);
    expect(svg).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;");
    expect(svg).toContain("2024");
    const missing = await call("/achievements/no-such-achievement/image.svg");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("application/problem+json");
  });
});
