/**
 * When to tell staff: once when a problem appears or changes, a reminder a day later while it
 * persists, and once when everything is healthy again. The hourly self-check would otherwise
 * repeat the same alert 24 times a day, and people stop reading alerts that repeat. The last alert
 * sent is kept in D1 (`service_settings.alert_state`); when D1 cannot be read the alert is sent
 * anyway: a missed alert costs more than a repeated one.
 */
import { getSetting, putSetting } from "../adapters/storage/operations-repository";
import type { Store } from "../adapters/storage/database";
import type { CheckResult } from "./self-check";

/** What staff are told: the failing or warning checks, never personal data. */
export interface AlertReport {
  /** problem: new or changed; reminder: unchanged for a day; resolved: every check healthy again. */
  kind: "problem" | "reminder" | "resolved";
  summary: string;
  issuer: string;
  version: string | null;
  problems: Record<string, CheckResult>;
}

/** Delivers an alert (webhook and log line, chosen at the Worker edge); rejects when not delivered. */
export type Alert = (report: AlertReport) => Promise<void>;

/** An unchanged problem is repeated after this long. */
export const ALERT_REMINDER_MS = 24 * 3600_000;

interface SentState {
  fingerprint: string;
  sentAt: string;
}

/** The problems' names and states: a detail that changes every hour (an age, a time) is not a new problem. */
function fingerprint(problems: Record<string, CheckResult>): string {
  return Object.entries(problems)
    .map(([name, c]) => `${name}=${c.state}`)
    .sort()
    .join(",");
}

async function lastSent(store: Store): Promise<SentState | null | "unknown"> {
  try {
    const raw = await getSetting(store, "alert_state");
    return raw ? (JSON.parse(raw) as SentState) : null;
  } catch {
    return "unknown";
  }
}

/**
 * Sends `report` if staff have not heard it yet (no problems: "resolved", once, after an alert);
 * returns the kind sent. A report that could not be delivered is not recorded, so the next run
 * tries again.
 */
export async function alertOnChange(
  store: Store,
  now: Date,
  report: Omit<AlertReport, "kind">,
  send: Alert,
): Promise<AlertReport["kind"] | null> {
  const last = await lastSent(store);
  const fp = fingerprint(report.problems);
  let kind: AlertReport["kind"];
  if (!fp) {
    if (last === null || last === "unknown") return null;
    kind = "resolved";
  } else {
    const same = last !== null && last !== "unknown" && last.fingerprint === fp;
    if (same && now.getTime() - Date.parse(last.sentAt) < ALERT_REMINDER_MS) {
      console.log(JSON.stringify({ level: "info", event: "alert_suppressed", problems: fp, since: last.sentAt }));
      return null;
    }
    kind = same ? "reminder" : "problem";
  }
  try {
    await send({ kind, ...report });
  } catch (e) {
    console.error(
      JSON.stringify({ level: "error", event: "alert_not_sent", error: e instanceof Error ? e.message : String(e) }),
    );
    return null;
  }
  // Not recorded (D1 down): the next run sends it again, which is the safe side.
  await putSetting(
    store,
    "alert_state",
    kind === "resolved" ? null : JSON.stringify({ fingerprint: fp, sentAt: now.toISOString() }),
    now.toISOString(),
  ).catch(() => undefined);
  return kind;
}
