/**
 * Work of the Cron Triggers (wrangler.toml [triggers]): the hourly refresh of status lists and
 * self-check, alerting staff when anything fails; the nightly backup and purge (Seoul off-peak).
 */
import { statusListNumbers } from "../adapters/storage/operations-repository";
import type { AppDeps } from "./context";
import { LIST_MIN_VALIDITY_MS, selfCheck, type CheckResult } from "./self-check";
import { statusListCredential } from "./status-list-credential";

/** What staff are told: the failing or warning checks, never personal data. */
export interface AlertReport {
  summary: string;
  issuer: string;
  version: string | null;
  problems: Record<string, CheckResult>;
}

/** Sends an alert (webhook or log, chosen at the Worker edge). */
export type Alert = (report: AlertReport) => Promise<void>;

/**
 * Re-signs every status list with less than 13 hours left, so that lists fetched by verifiers
 * (who may cache them until validUntil) always have more than 12 hours of validity.
 */
export async function refreshStatusLists(deps: AppDeps): Promise<string[]> {
  const failures: string[] = [];
  for (const n of await statusListNumbers(deps.store))
    for (const id of [`r${n}`, `s${n}`])
      try {
        await statusListCredential(deps, id, LIST_MIN_VALIDITY_MS + 3600_000);
      } catch (e) {
        failures.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
      }
  return failures;
}

/** The hourly job: refresh lists, run the self-check, alert on any failure or warning. */
export async function hourlyCheck(deps: AppDeps, alert: Alert): Promise<AlertReport | null> {
  let refreshFailures: string[] = [];
  try {
    refreshFailures = await refreshStatusLists(deps);
  } catch (e) {
    refreshFailures = [e instanceof Error ? e.message : String(e)];
  }
  const { checks } = await selfCheck(deps);
  const problems: Record<string, CheckResult> = Object.fromEntries(
    Object.entries(checks).filter(([, c]) => c.state !== "ok" && c.state !== "off"),
  );
  if (refreshFailures.length) problems.statusListRefresh = { state: "failing", detail: refreshFailures.join("; ") };
  if (Object.keys(problems).length === 0) return null;
  const report: AlertReport = {
    summary: `WeGO certificates (${deps.config.baseUrl}): ${Object.entries(problems)
      .map(([k, c]) => `${k} ${c.state}`)
      .join(", ")}`,
    issuer: deps.config.issuerDid,
    version: deps.version ?? null,
    problems,
  };
  await alert(report);
  return report;
}
