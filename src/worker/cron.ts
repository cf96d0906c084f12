/** The Cron Triggers: the hourly self-check and the nightly backup, alerts to ALERT_WEBHOOK_URL. */
import type { AppDeps } from "../services/context";
import { hourlyCheck, type AlertReport } from "../services/scheduled";
import { nightlyBackup } from "../services/backup";
import { createDeps } from "./deps";
import type { Env } from "./env";

/** Posts an alert to ALERT_WEBHOOK_URL; the JSON log line is written in any case. */
async function sendAlert(env: Env, report: AlertReport): Promise<void> {
  console.error(JSON.stringify({ level: "alert", event: "self_check_failed", ...report }));
  if (!env.ALERT_WEBHOOK_URL) return;
  try {
    const res = await fetch(env.ALERT_WEBHOOK_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: report.summary, ...report }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  } catch (e) {
    console.error(
      JSON.stringify({ level: "error", event: "alert_not_sent", error: e instanceof Error ? e.message : String(e) }),
    );
  }
}

/** The Cron Triggers (wrangler.toml): "30 18 * * *" is the nightly backup, every other one the hourly check. */
export async function scheduled(controller: { cron: string }, env: Env): Promise<void> {
  let deps: AppDeps;
  try {
    deps = await createDeps(env);
  } catch (e) {
    // A configuration that cannot start is the first thing staff must hear about.
    const detail = e instanceof Error ? e.message : String(e);
    return sendAlert(env, {
      summary: `WeGO certificates: the configuration does not start: ${detail}`,
      issuer: "",
      version: env.CF_VERSION_METADATA?.id ?? null,
      problems: { config: { state: "misconfigured", detail } },
    });
  }
  if (controller.cron === "30 18 * * *") await nightlyBackup(deps, (r) => sendAlert(env, r));
  await hourlyCheck(deps, (r) => sendAlert(env, r));
}
