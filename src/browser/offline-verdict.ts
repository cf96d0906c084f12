/**
 * What a saved copy of a certificate page says offline, decided from everything the phone knows:
 * the verdict the server gave when the copy was saved (revoked stays revoked), the copy's age, the
 * QR token in the link and the offline check. Every path that is not a positive, complete check
 * ends in a neutral "saved copy, not confirmed" state, and no offline outcome is called valid:
 * revocation cannot be checked offline. Pure (messages and checks are passed in); never throws.
 */
import type { FragmentToken } from "./fragment";
import type { OfflineCheck } from "./offline";
import { SAVED_COPY_MAX_AGE_DAYS } from "./saved-copies";

/** How a banner looks and what it says. */
export interface Display {
  /** `data-verdict` of the banner. */
  verdict: string;
  tone: "valid" | "bad" | "warn" | "unknown";
  title: string;
  details: string[];
}

/** What the offline decision needs. */
export interface OfflineState {
  /** Messages (the page's BROWSER_KEYS). */
  m: Readonly<Record<string, string>>;
  /** The verdict in the saved page's data. */
  verdict: unknown;
  /** When the server rendered the saved page (ISO 8601). */
  checkedAt: unknown;
  now: number;
  fragment: FragmentToken;
  /** Formats an ISO date in the page language. */
  date: (iso: string) => string;
  /** Runs the offline check for a token. */
  check: (token: string) => Promise<OfflineCheck>;
}

const DAY_MS = 24 * 3600 * 1000;

function fill(template: string | undefined, values: Record<string, string>): string {
  return (template ?? "").replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

const SAVED_VERDICTS: Record<string, { tone: Display["tone"]; title: string }> = {
  revoked: { tone: "bad", title: "verdictRevoked" },
  suspended: { tone: "warn", title: "verdictSuspended" },
  invalid: { tone: "bad", title: "verdictInvalid" },
  expired: { tone: "warn", title: "verdictExpired" },
};

/** The neutral state: a saved copy that could not be confirmed. */
export function unconfirmed(m: Readonly<Record<string, string>>, date: string, reason?: string): Display {
  const details = [fill(m.savedDetail, { date })];
  if (reason) details.push(reason);
  return { verdict: "saved-unconfirmed", tone: "unknown", title: m.savedTitle ?? "", details };
}

/** Decides what a saved copy shows offline. */
export async function offlineDisplay(s: OfflineState): Promise<Display> {
  const { m } = s;
  let date = "?";
  try {
    const checkedAt = typeof s.checkedAt === "string" ? Date.parse(s.checkedAt) : NaN;
    if (Number.isNaN(checkedAt)) return unconfirmed(m, date);
    date = s.date(s.checkedAt as string);
    const age = s.now - checkedAt;
    if (age > SAVED_COPY_MAX_AGE_DAYS * DAY_MS || age < -DAY_MS)
      return {
        verdict: "saved-expired",
        tone: "unknown",
        title: m.savedExpiredTitle ?? "",
        details: [fill(m.savedExpiredDetail, { date, days: String(SAVED_COPY_MAX_AGE_DAYS) })],
      };
    const saved = typeof s.verdict === "string" ? SAVED_VERDICTS[s.verdict] : undefined;
    if (saved)
      return {
        verdict: `saved-${s.verdict as string}`,
        tone: saved.tone,
        title: m[saved.title] ?? "",
        details: [fill(m.savedVerdictDetail, { date })],
      };
    if (s.verdict !== "valid" && s.verdict !== "not-yet-valid") return unconfirmed(m, date);
    if (s.fragment.kind === "missing") return unconfirmed(m, date, m.offlineNoToken);
    if (s.fragment.kind !== "token") return unconfirmed(m, date, m.offlineBadFragment);
    const checked = await s.check(s.fragment.token);
    if (!checked.ok && checked.error.code === "ERR_OFFLINE_NO_KEYS") return unconfirmed(m, date, m.offlineNoKeys);
    if (!checked.ok)
      return {
        verdict: "offline-invalid",
        tone: "bad",
        title: m.offlineFailed ?? "",
        details: [m.offlineFailedDetail ?? ""],
      };
    const r = checked.value;
    if (r.validity !== "current")
      return {
        verdict: `offline-${r.validity}`,
        tone: "warn",
        title: (r.validity === "expired" ? m.offlineExpiredTitle : m.offlineNotYetValidTitle) ?? "",
        details: [m.offlineValidityDetail ?? ""],
      };
    const expires = new Date(checkedAt + SAVED_COPY_MAX_AGE_DAYS * DAY_MS).toISOString();
    return {
      verdict: "offline-signed",
      tone: "unknown",
      title: m.offlineSignedTitle ?? "",
      details: [
        ...(r.scope === "all-fields"
          ? [m.offlineCheckedAll ?? ""]
          : [fill(m.offlineCheckedToken, { programme: r.achievementId }), m.offlineNotChecked ?? ""]),
        fill(m.offlineStatusUnknown, { date }),
        fill(m.savedRetention, { days: String(SAVED_COPY_MAX_AGE_DAYS), until: s.date(expires) }),
      ],
    };
  } catch {
    return unconfirmed(m, date);
  }
}
