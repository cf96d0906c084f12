import { describe, expect, it } from "vitest";
import type { OfflineCheck, OfflineConfirmed } from "../../../src/browser/offline";
import { offlineDisplay, type OfflineState } from "../../../src/browser/offline-verdict";
import { BROWSER_KEYS } from "../../../src/pages/certificate-page";
import { en } from "../../../src/pages/i18n/en";
import { ko } from "../../../src/pages/i18n/ko";
import { formatDate } from "../../../src/pages/i18n";

const m = Object.fromEntries(BROWSER_KEYS.map((k) => [k, en[k]]));
const CHECKED = "2026-11-20T10:00:00Z";
const NOW = Date.parse("2026-11-25T10:00:00Z");
const confirmed: OfflineConfirmed = {
  scope: "all-fields",
  validity: "current",
  validFrom: 0,
  validUntil: null,
  achievementId: "champions-2023-workshop-baku",
};
const signed: OfflineCheck = { ok: true, value: confirmed };
const confirmedWith = (over: Partial<OfflineConfirmed>): OfflineCheck => ({
  ok: true,
  value: { ...confirmed, ...over },
});

function state(over: Partial<OfflineState> = {}): OfflineState {
  return {
    m,
    verdict: "valid",
    checkedAt: CHECKED,
    now: NOW,
    fragment: { kind: "token", token: "AQAB" },
    date: (iso) => formatDate("en", iso),
    check: async () => signed,
    ...over,
  };
}

const FORBIDDEN = [en.verdictValid, "Verified offline"];

async function shows(over: Partial<OfflineState>) {
  const d = await offlineDisplay(state(over));
  for (const f of FORBIDDEN) expect(d.title).not.toBe(f);
  expect(d.details.join(" ")).not.toContain("Verified offline");
  return d;
}

describe("offlineDisplay", () => {
  it("a positive offline check is 'signed by WeGO, status not checked', dated, with retention, not green", async () => {
    const d = await shows({});
    expect(d).toMatchObject({ verdict: "offline-signed", tone: "unknown", title: en.offlineSignedTitle });
    expect(d.details).toEqual([
      en.offlineCheckedAll,
      en.offlineStatusUnknown.replace("{date}", "20 November 2026"),
      "This saved copy can be checked offline for 30 days, until 20 December 2026.",
    ]);
  });

  it("says which facts were not checked when only the token was", async () => {
    const d = await shows({ check: async () => confirmedWith({ scope: "token-fields" }) });
    expect(d.details[0]).toContain("the programme (champions-2023-workshop-baku)");
    expect(d.details[1]).toBe(en.offlineNotChecked);
  });

  it.each([
    ["revoked", "bad", en.verdictRevoked],
    ["suspended", "warn", en.verdictSuspended],
    ["invalid", "bad", en.verdictInvalid],
    ["expired", "warn", en.verdictExpired],
  ])("a copy saved as %s stays %s, without running the token check", async (verdict, tone, title) => {
    let ran = false;
    const d = await shows({
      verdict,
      check: async () => {
        ran = true;
        return signed;
      },
    });
    expect(d).toEqual({
      verdict: `saved-${verdict}`,
      tone,
      title,
      details: [en.savedVerdictDetail.replace("{date}", "20 November 2026")],
    });
    expect(ran).toBe(false);
  });

  it.each([
    [{ fragment: { kind: "malformed" } }, en.offlineBadFragment],
    [{ fragment: { kind: "missing" } }, en.offlineNoToken],
    [
      { check: async () => ({ ok: false, error: { code: "ERR_OFFLINE_NO_KEYS", message: "no keys saved" } }) },
      en.offlineNoKeys,
    ],
    [{ verdict: "could-not-check" }, undefined],
    [{ verdict: undefined }, undefined],
    [{ verdict: "browser-mismatch" }, undefined],
    [{ checkedAt: "yesterday" }, undefined],
    [{ checkedAt: undefined }, undefined],
    [{ check: async () => Promise.reject(new Error("boom")) }, undefined],
    [
      {
        date: () => {
          throw new Error("Intl");
        },
      },
      undefined,
    ],
  ] as [Partial<OfflineState>, string | undefined][])(
    "%# ends in the neutral saved-copy state",
    async (over, reason) => {
      const d = await shows(over);
      expect(d.verdict).toBe("saved-unconfirmed");
      expect(d.tone).toBe("unknown");
      expect(d.title).toBe(en.savedTitle);
      if (reason) expect(d.details).toContain(reason);
      else expect(d.details).toHaveLength(1);
    },
  );

  it("a copy older than 30 days (or dated in the future) is too old to check", async () => {
    for (const now of [Date.parse(CHECKED) + 31 * 86400_000, Date.parse(CHECKED) - 2 * 86400_000]) {
      const d = await shows({ now });
      expect(d.verdict).toBe("saved-expired");
      expect(d.details[0]).toContain("30 days");
    }
  });

  it("a failed token check is red; signed dates outside the validity period are expired / not yet valid", async () => {
    expect(
      await shows({
        check: async () => ({ ok: false, error: { code: "ERR_OFFLINE_NAME", message: "name does not match" } }),
      }),
    ).toMatchObject({
      verdict: "offline-invalid",
      tone: "bad",
    });
    expect(await shows({ check: async () => confirmedWith({ validity: "expired" }) })).toMatchObject({
      verdict: "offline-expired",
      title: en.offlineExpiredTitle,
    });
    expect(await shows({ check: async () => confirmedWith({ validity: "not-yet-valid" }) })).toMatchObject({
      verdict: "offline-not-yet-valid",
    });
  });

  it("speaks Korean with the Korean messages", async () => {
    const d = await offlineDisplay(
      state({ m: Object.fromEntries(BROWSER_KEYS.map((k) => [k, ko[k]])), date: (iso) => formatDate("ko", iso) }),
    );
    expect(d.title).toBe(ko.offlineSignedTitle);
    expect(d.details[1]).toContain("2026년 11월 20일");
  });
});
