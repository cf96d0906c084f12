/** The Cron Triggers: the hourly self-check and the nightly backup, alerts to ALERT_WEBHOOK_URL. */
import { postAlertWebhook } from "../adapters/alerts/webhook-alert";
import { createStore } from "../adapters/storage/database";
import { alertOnChange, type AlertReport } from "../services/alerting";
import type { AppDeps } from "../services/context";
import { hourlyCheck } from "../services/scheduled";
import { nightlyBackup } from "../services/backup";
import { createDeps } from "./deps";
import type { Env } from "./env";

/** Logs the alert as one JSON line and posts it to ALERT_WEBHOOK_URL (signed with ALERT_WEBHOOK_SECRET). */
async function sendAlert(env: Env, report: AlertReport): Promise<void> {
  const resolved = report.kind === "resolved";
  const line = JSON.stringify({
    level: resolved ? "info" : "alert",
    event: resolved ? "self_check_recovered" : "self_check_failed",
    ...report,
  });
  if (resolved) console.log(line);
  else console.error(line);
  if (env.ALERT_WEBHOOK_URL)
    await postAlertWebhook(
      env.ALERT_WEBHOOK_URL,
      env.ALERT_WEBHOOK_SECRET,
      { text: report.summary, ...report },
      new Date(),
    );
}

/** The Cron Triggers (wrangler.toml): "30 18 * * *" is the nightly backup, every other one the hourly check. */
export async function scheduled(controller: { cron: string }, env: Env): Promise<void> {
  const alert = (r: AlertReport) => sendAlert(env, r);
  let deps: AppDeps;
  try {
    deps = await createDeps(env);
  } catch (e) {
    // A configuration that cannot start is the first thing staff must hear about.
    const detail = e instanceof Error ? e.message : String(e);
    await alertOnChange(
      createStore(env.DB),
      new Date(),
      {
        summary: `WeGO certificates: the configuration does not start: ${detail}`,
        issuer: "",
        version: env.CF_VERSION_METADATA?.id ?? null,
        problems: { config: { state: "misconfigured", detail } },
      },
      alert,
    );
    return;
  }
  if (controller.cron === "30 18 * * *")
    await nightlyBackup(deps, (r) =>
      alert(r).catch((e) =>
        console.error(JSON.stringify({ level: "error", event: "alert_not_sent", error: String(e) })),
      ),
    );
  await hourlyCheck(deps, alert);
}
