/**
 * Standard Webhooks verification (https://www.standardwebhooks.com, spec "Verifying webhook
 * signatures") with the maintained `standardwebhooks` package. A source may hold several secrets
 * while one is being rotated: the message is accepted if any of them produced one of its signatures.
 * Never throws: the outcome is a structured result.
 */
import { Webhook, WebhookVerificationError } from "standardwebhooks";

/** The three headers of the spec, as received. */
export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type WebhookCheck =
  | { ok: true; id: string; timestamp: Date }
  | { ok: false; reason: "missing-headers" | "stale" | "bad-signature"; detail: string };

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
    return {
      ok: false,
      reason: "missing-headers",
      detail: "webhook-id, webhook-timestamp and webhook-signature are required",
    };
  if (h.id.length > MAX_ID || h.signature.length > MAX_SIGNATURE || !/^[\x21-\x7e]+$/.test(h.id))
    return { ok: false, reason: "missing-headers", detail: "webhook-id or webhook-signature is malformed" };
  if (!/^\d{1,12}$/.test(h.timestamp))
    return { ok: false, reason: "missing-headers", detail: "webhook-timestamp must be Unix seconds" };
  const ts = Number(h.timestamp);
  if (Math.abs(now.getTime() / 1000 - ts) > windowSeconds)
    return { ok: false, reason: "stale", detail: `webhook-timestamp is more than ${windowSeconds} s from our clock` };
  const headers = { "webhook-id": h.id, "webhook-timestamp": h.timestamp, "webhook-signature": h.signature };
  let stale = false;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, headers, { jsonParse: false });
      return { ok: true, id: h.id, timestamp: new Date(ts * 1000) };
    } catch (e) {
      // The library also bounds the timestamp (5 minutes against the system clock).
      if (e instanceof WebhookVerificationError && /timestamp/i.test(e.message)) stale = true;
    }
  }
  return stale
    ? { ok: false, reason: "stale", detail: "webhook-timestamp is outside the replay window" }
    : { ok: false, reason: "bad-signature", detail: "no webhook-signature matches a secret of this source" };
}

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (spec: 24 to 64 bytes). */
export function newWebhookSecret(random: (n: number) => Uint8Array): string {
  let bin = "";
  for (const b of random(32)) bin += String.fromCharCode(b);
  return `whsec_${btoa(bin)}`;
}
