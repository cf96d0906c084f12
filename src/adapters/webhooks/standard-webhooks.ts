/**
 * Standard Webhooks verification (https://www.standardwebhooks.com, spec "Verifying webhook
 * signatures") with the maintained `standardwebhooks` package. A source may hold several secrets
 * while one is being rotated: the message is accepted if any of them produced one of its signatures.
 * Never throws: the outcome is a structured result.
 */
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { type Failure, type Result, fail, ok } from "../../lib/result";

/** The three headers of the spec, as received. */
export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Why a message is refused, with the header to name in the answer (the codes the service answers with). */
export type WebhookFailure =
  | (Failure<"ERR_WEBHOOK_HEADERS"> & { field: "webhook-id" })
  | (Failure<"ERR_WEBHOOK_REPLAY"> & { field: "webhook-timestamp" })
  | (Failure<"ERR_WEBHOOK_SIGNATURE"> & { field: "webhook-signature" });

/** The outcome of {@link verifyWebhook}: the message's id and time, or why not. */
export type WebhookCheck = Result<{ id: string; timestamp: Date }, WebhookFailure>;

const badHeaders = (message: string) =>
  fail<WebhookFailure>({ code: "ERR_WEBHOOK_HEADERS", message, field: "webhook-id" });
const stale = (message: string) =>
  fail<WebhookFailure>({ code: "ERR_WEBHOOK_REPLAY", message, field: "webhook-timestamp" });

/** Headers the spec defines; ids and signatures beyond these sizes are not from a real sender. */
const MAX_ID = 256;
const MAX_SIGNATURE = 4096;

/**
 * Verifies a message: headers present, timestamp within `windowSeconds` of `now` (replay window,
 * spec: "verify the timestamp … to prevent replay attacks"), then the HMAC by the library.
 */
export function verifyWebhook(
  body: string,
  h: WebhookHeaders,
  secrets: readonly string[],
  now: Date,
  windowSeconds: number,
): WebhookCheck {
  if (!h.id || !h.timestamp || !h.signature)
    return badHeaders("webhook-id, webhook-timestamp and webhook-signature are required");
  if (h.id.length > MAX_ID || h.signature.length > MAX_SIGNATURE || !/^[\x21-\x7e]+$/.test(h.id))
    return badHeaders("webhook-id or webhook-signature is malformed");
  if (!/^\d{1,12}$/.test(h.timestamp)) return badHeaders("webhook-timestamp must be Unix seconds");
  const ts = Number(h.timestamp);
  if (Math.abs(now.getTime() / 1000 - ts) > windowSeconds)
    return stale(`webhook-timestamp is more than ${windowSeconds} s from our clock`);
  const headers = { "webhook-id": h.id, "webhook-timestamp": h.timestamp, "webhook-signature": h.signature };
  let outsideWindow = false;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, headers, { jsonParse: false });
      return ok({ id: h.id, timestamp: new Date(ts * 1000) });
    } catch (e) {
      // The library also bounds the timestamp (5 minutes against the system clock).
      if (e instanceof WebhookVerificationError && /timestamp/i.test(e.message)) outsideWindow = true;
    }
  }
  return outsideWindow
    ? stale("webhook-timestamp is outside the replay window")
    : fail<WebhookFailure>({
        code: "ERR_WEBHOOK_SIGNATURE",
        message: "no webhook-signature matches a secret of this source",
        field: "webhook-signature",
      });
}

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (spec: 24 to 64 bytes). */
export function newWebhookSecret(random: (n: number) => Uint8Array): string {
  let bin = "";
  for (const b of random(32)) bin += String.fromCharCode(b);
  return `whsec_${btoa(bin)}`;
}
