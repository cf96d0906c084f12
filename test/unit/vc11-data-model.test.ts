/** VC Data Model 1.1 MUSTs (src/domain/vc11-data-model.ts): dates, the model chosen, sections named. */
import { describe, expect, it } from "vitest";
import { credentialProblems, isXsdDateTime, problemSource } from "../../src/domain/vc11-data-model";

const V1 = "https://www.w3.org/2018/credentials/v1";
const vc = (extra: Record<string, unknown> = {}) => ({
  "@context": [V1],
  type: ["VerifiableCredential"],
  issuer: "did:example:issuer",
  issuanceDate: "2020-03-16T22:37:26.544Z",
  credentialSubject: { id: "did:example:subject" },
  ...extra,
});
const known = { knownContexts: new Set<string>(), knownContextsV11: new Set<string>() };

describe("VC 1.1 data model", () => {
  it("§4.6: issuanceDate is an XML Schema dateTime, whose time zone is optional", () => {
    expect(["2020-03-16T22:37:26Z", "2020-03-16T22:37:26.5+09:00", "2020-03-16T22:37:26"].map(isXsdDateTime)).toEqual([
      true,
      true,
      true,
    ]);
    expect(["2020-03-16", "2020-13-16T22:37:26Z", "yesterday", 20200316].map(isXsdDateTime)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("is read as VC 1.1 only where the caller accepts it; otherwise VC 2.0 §4.3 refuses the context", () => {
    expect(credentialProblems(vc(), known)).toEqual([]);
    const [p] = credentialProblems(vc(), { knownContexts: new Set() });
    expect([p!.field, problemSource(p!)]).toEqual(["@context", "VC 2.0 §4.3"]);
  });

  it("names the VC 1.1 section of each broken MUST; an issuer asks for a time zone offset", () => {
    const first = (c: unknown, opts = {}) => {
      const [p] = credentialProblems(c, { ...known, ...opts });
      return p && `${p.field} ${problemSource(p)}`;
    };
    expect(first(vc({ issuanceDate: undefined }))).toBe("issuanceDate VC 1.1 §4.6");
    expect(first(vc({ expirationDate: "2020-03-16" }))).toBe("expirationDate VC 1.1 §4.8");
    expect(first(vc({ issuer: { name: "x" } }))).toBe("issuer.id VC 1.1 §4.5");
    expect(first(vc({ credentialSubject: [] }))).toBe("credentialSubject VC 1.1 §4.4");
    expect(first(vc({ type: "VerifiableCredential" }))).toBeUndefined();
    expect(first(vc({ refreshService: { type: "ManualRefreshService2018" } }))).toBe("refreshService.id VC 1.1 §5.5");
    expect(first(vc({ issuanceDate: "2020-03-16T22:37:26" }))).toBeUndefined();
    expect(first(vc({ issuanceDate: "2020-03-16T22:37:26" }), { requireOffset: true })).toBe(
      "issuanceDate VC 1.1 §4.6",
    );
  });
});
