import { describe, expect, it } from "vitest";
import { renderCertificatePage } from "../../../src/pages/certificate-page";
import { messages } from "../../../src/pages/i18n";
import { sameShownFields, shownFields, signedFacts } from "../../../src/domain/signed-facts";
import { BAKU, credential, DID, ID, NAME } from "./fixtures";

describe("signedFacts (what a certificate page may show)", () => {
  it("reads every shown fact from the signed credential, city and venue from its tags", async () => {
    expect(shownFields(signedFacts(await credential()))).toEqual({
      participant: NAME,
      "achievement-name": BAKU.name,
      city: "Baku",
      date: "2023-10-01",
      themes: BAKU.themes.join(", "),
      venue: "Azerbaijan Diplomatic Academy",
      description: BAKU.description,
      "issuer-name": "World Smart Sustainable Cities Organization (WeGO)",
      official: "Park Jung Sook, Secretary General",
      "valid-from": "2023-10-02T09:00:00Z",
    });
  });

  it("shows no city or venue it cannot attribute, and tolerates junk", async () => {
    const c = (await credential()) as { credentialSubject: { achievement: Record<string, unknown> } };
    c.credentialSubject.achievement.tag = ["Elsewhere"];
    const f = signedFacts(c);
    expect([f.city, f.venue]).toEqual([undefined, undefined]);
    expect(shownFields(signedFacts(null))).toEqual({});
    expect(sameShownFields({ a: "1" }, { a: "1", b: "2" })).toBe(false);
  });

  it("a catalogue edit cannot change an issued certificate's page: the page is rendered from the credential alone", async () => {
    const c = await credential();
    const render = () =>
      renderCertificatePage(messages("en"), "en", "n", {
        id: ID,
        url: `https://certificates.example/c/${ID}`,
        verdict: "valid",
        checks: [],
        facts: signedFacts(c),
        issuerDid: DID,
        shareable: true,
        reportContact: "secretariat@we-gov.org",
        baseUrl: "https://certificates.example",
        checkedAt: "2026-11-20T10:00:00Z",
      });
    const before = render();
    BAKU.city = "Edited City";
    BAKU.venue = "Edited Venue";
    BAKU.themes = ["Edited theme"];
    expect(render()).toBe(before);
    expect(before).toContain('data-field="city" dir="auto">Baku<');
    expect(before).not.toContain("Edited");
  });
});
