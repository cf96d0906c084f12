/**
 * Red team: issuance inputs. JSON Schema "date-time" (RFC 3339) admits a leap second
 * (23:59:60Z), which JavaScript's Date cannot represent: Date.parse gives NaN, so the
 * "must be in the future" check passes (NaN <= now is false) and isoSeconds(new Date(NaN))
 * throws RangeError → 500 instead of a 400 naming validUntil.
 */
import { describe, expect, it } from "vitest";
import { postJson } from "../support/api";

const LEAP = "2030-12-31T23:59:60Z";

describe("redteam: leap-second validUntil", () => {
  it("POST /admin/certificates with validUntil 23:59:60Z is a 400 naming validUntil, not a 500", async () => {
    const res = await postJson("/admin/certificates", {
      recipient: { name: "Leap Second", email: "leap@example.org" },
      achievementId: "champions-2023-online",
      validUntil: LEAP,
    });
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(text).toContain("validUntil");
  });

  it("POST /credentials/issue with validUntil 23:59:60Z is a 400 naming credential.validUntil, not a 500", async () => {
    const res = await postJson("/credentials/issue", {
      credential: {
        "@context": [
          "https://www.w3.org/ns/credentials/v2",
          "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        validUntil: LEAP,
        credentialSubject: {
          name: "Leap Second",
          identifier: [{ identityHash: "leap@example.org", identityType: "emailAddress", hashed: false }],
          achievement: { id: "http://127.0.0.1:8787/achievements/champions-2023-online" },
        },
      },
    });
    const text = await res.text();
    expect(res.status, text).toBe(400);
  });
});
