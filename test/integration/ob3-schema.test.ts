/**
 * 1EdTech Open Badges 3.0 conformance: every credential the service issues (each catalogue
 * achievement, a revoked one, a reissued one and its superseded original) is checked against
 * 1EdTech's published AchievementCredential JSON Schema (vendored in test/vectors/1edtech-ob3,
 * draft 2019-09), validated with @cfworker/json-schema.
 *
 * One documented deviation (test/vectors/1edtech-ob3/README.md, README "The credential"): the
 * schema allows one `credentialStatus` object, we carry a revocation and a suspension entry
 * (1EdTech openbadges-specification issue 623). The test pins that this is the only difference.
 */
import { Validator, type OutputUnit } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { SEED_CATALOGUE } from "../../src/domain/catalogue";
import published from "../vectors/1edtech-ob3/ob_v3p0_achievementcredential_schema.json";
import { call, issue, postJson } from "../support/api";

const strict = new Validator(published as object, "2019-09", false);

/** The published schema with `credentialStatus` as issue 623 proposes: one entry or an array of them. */
const relaxed = new Validator(
  {
    ...published,
    properties: {
      ...published.properties,
      credentialStatus: {
        oneOf: [
          { $ref: "#/$defs/CredentialStatus" },
          { type: "array", minItems: 1, items: { $ref: "#/$defs/CredentialStatus" } },
        ],
      },
    },
  } as object,
  "2019-09",
  false,
);

/** The leaf errors (instance location and message) of a validation, deepest first. */
function errors(v: Validator, credential: unknown): string[] {
  const r = v.validate(credential);
  return r.valid ? [] : r.errors.map((e: OutputUnit) => `${e.instanceLocation} ${e.error}`);
}

/** The checks every issued credential must pass. */
function expectConformant(credential: Record<string, unknown>) {
  expect(errors(relaxed, credential)).toEqual([]);
  // Against the schema as published, only the two-entry credentialStatus differs ...
  const strictErrors = errors(strict, credential);
  expect(strictErrors.length).toBeGreaterThan(0);
  for (const e of strictErrors) expect(e).toMatch(/^#\/credentialStatus |^# Property "credentialStatus" /);
  // ... and each entry on its own is exactly what the published schema asks for.
  const entries = credential.credentialStatus as Record<string, unknown>[];
  expect(entries.map((e) => e.statusPurpose)).toEqual(["revocation", "suspension"]);
  for (const entry of entries) expect(errors(strict, { ...credential, credentialStatus: entry })).toEqual([]);
}

describe("1EdTech OB 3.0 AchievementCredential JSON Schema", () => {
  it("the vendored schema is the published one and rejects what it must", () => {
    expect(published.$id).toBe(
      "https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_achievementcredential_schema.json",
    );
    // The validator really validates: a plain date and a proof object are refused.
    expect(errors(relaxed, {})).not.toEqual([]);
  });

  it("every catalogue achievement's credential conforms", async () => {
    for (const achievement of SEED_CATALOGUE) {
      const { credential } = await issue("Ελένη Παπαδοπούλου", achievement.id);
      expectConformant(credential);
      const subject = credential.credentialSubject as Record<string, unknown>;
      if (achievement.date) {
        expect(subject.activityStartDate).toBe(`${achievement.date}T00:00:00Z`);
        // The fields the schema checks by format, written the way the schema refuses.
        const asDate = { ...subject, activityStartDate: achievement.date };
        expect(errors(relaxed, { ...credential, credentialSubject: asDate }).join()).toContain(
          "#/credentialSubject/activityStartDate",
        );
      }
      expect(Array.isArray(credential.proof)).toBe(true);
      expect(errors(relaxed, { ...credential, proof: (credential.proof as unknown as unknown[])[0] })).not.toEqual([]);
    }
  });

  it("revoked, reissued and superseded credentials conform", async () => {
    const revoked = await issue("Revoked Participant", "champions-2023-workshop-athens");
    expect((await postJson(`/admin/certificates/${revoked.id}/revoke`, { reason: "issued-in-error" })).status).toBe(
      200,
    );
    // The credential as the service serves it after revocation (the signed credential is unchanged).
    const served = (await (await call(`/c/${revoked.id}.json`)).json()) as Record<string, unknown>;
    expect(served).toEqual(revoked.credential);
    expectConformant(served);

    const old = await issue("Lemen Aliyeva", "champions-2023-workshop-baku");
    const res = await postJson(`/admin/certificates/${old.id}/reissue`, {
      recipient: { name: "Ləman Əliyeva", email: "leman@example.org" },
      achievementId: "champions-2023-workshop-baku",
    });
    expect(res.status).toBe(201);
    const fresh = (await res.json()) as { credential: Record<string, unknown> };
    expectConformant(fresh.credential);
    expectConformant(old.credential);
  });
});
