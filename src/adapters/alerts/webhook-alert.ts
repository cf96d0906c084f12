/**
 * Posts an alert to staff's webhook (a Slack or Teams incoming webhook reads `text`; anything else
 * reads the JSON). With a secret, the request is signed as Standard Webhooks specifies
 * (https://www.standardwebhooks.com: `webhook-id`, `webhook-timestamp`, `webhook-signature` =
 * `v1,` HMAC-SHA256 of `id.timestamp.body`), so a receiver can refuse forged or replayed alerts.
 */
import { Webhook } from "standardwebhooks";

/** Gives up on a webhook that does not answer (the cron invocation must finish). */
const TIMEOUT_MS = 10_000;

/** Posts `payload` as JSON; rejects when the webhook does not answer 2xx. */
export async function postAlertWebhook(
  url: string,
  secret: string | undefined,
  payload: { text: string } & Record<string, unknown>,
  now: Date,
  send: typeof fetch = fetch,
): Promise<void> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secret) {
    const id = `alert_${crypto.randomUUID()}`;
    headers["webhook-id"] = id;
    headers["webhook-timestamp"] = String(Math.floor(now.getTime() / 1000));
    headers["webhook-signature"] = new Webhook(secret).sign(id, now, body);
  }
  const res = await send(url, { method: "POST", headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`the alert webhook answered ${res.status}`);
}
