/**
 * Work of the Cron Triggers (wrangler.toml [triggers]): the hourly refresh of status lists and
 * self-check, alerting staff when anything fails; the nightly backup and purge (Seoul off-peak).
 */
import { statusListNumbers } from "../adapters/storage/operations-repository";
import { alertOnChange, type Alert, type AlertReport } from "./alerting";
import type { AppDeps } from "./context";
import { LIST_MIN_VALIDITY_MS, selfCheck, type CheckResult } from "./self-check";
import { statusListCredential } from "./status-list-credential";

export type { Alert, AlertReport } from "./alerting";

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

/**
 * The hourly job: refresh lists, run the self-check, and alert on any failure or warning (once per
 * new problem, a daily reminder while it lasts, once when resolved: services/alerting.ts). Returns
 * the report of this run, sent or not (null when nothing is wrong).
 */
export async function hourlyCheck(deps: AppDeps, alert: Alert): Promise<Omit<AlertReport, "kind"> | null> {
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
  const names = Object.entries(problems).map(([k, c]) => `${k} ${c.state}`);
  const report = {
    summary: `WeGO certificates (${deps.config.baseUrl}): ${names.length ? names.join(", ") : "every check is healthy again"}`,
    issuer: deps.config.issuerDid,
    version: deps.version ?? null,
    problems,
  };
  await alertOnChange(deps.store, deps.clock(), report, alert);
  return names.length ? report : null;
}
