/** The Cloudflare Email Service binding and the delivery queue as the services' mail dependencies. */
import { EmailMessage } from "cloudflare:email";
import { AppError } from "../errors";
import { emailTemplates } from "../pages/email/templates";
import { MailSendError, type MailDeps, type OutgoingEmail } from "../services/context";
import { LOOPBACK } from "./config";
import type { Env } from "./env";

/** Refusals no retry can fix (the binding's messages for a recipient or sender it will not take). */
const PERMANENT =
  /not allowed|not verified|unverified|invalid|reject|suppress|bounce|does not exist|unknown recipient/i;

/** The send_email binding as a sender: a raw MIME message per call; refusals become MailSendError. */
function mailSender(env: Env, baseUrl: string): (m: OutgoingEmail) => Promise<void> {
  const faults = env.EMAIL_TEST_FAULTS === "on" && LOOPBACK.test(baseUrl);
  return async ({ from, to, raw }) => {
    if (faults && /^fail-transient/i.test(to)) throw new MailSendError("simulated transient failure", false);
    if (faults && /^fail-refused/i.test(to)) throw new MailSendError("recipient rejected (simulated)", true);
    if (!env.EMAIL) throw new AppError("ERR_CONFIG", "The EMAIL (send_email) binding is not configured");
    try {
      await env.EMAIL.send(new EmailMessage(from, to, raw));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      throw new MailSendError(message, PERMANENT.test(message));
    }
  };
}

/** Sender settings, templates, the send_email binding and the delivery queue producer. */
export function mailDeps(env: Env, baseUrl: string): MailDeps {
  const retry = Number(env.EMAIL_RETRY_BASE_SECONDS ?? "30");
  return {
    from: env.EMAIL_FROM ?? "certificates@example.org",
    fromName: env.EMAIL_FROM_NAME ?? "WeGO Certificates",
    replyTo: env.EMAIL_REPLY_TO || undefined,
    retryBaseSeconds: Number.isInteger(retry) && retry >= 0 ? retry : 30,
    templates: emailTemplates,
    send: mailSender(env, baseUrl),
    enqueue: async (ids) => {
      if (!env.DELIVERY_QUEUE) throw new AppError("ERR_CONFIG", "The DELIVERY_QUEUE binding is not configured");
      // sendBatch takes at most 100 messages per call.
      for (let i = 0; i < ids.length; i += 100)
        await env.DELIVERY_QUEUE.sendBatch(ids.slice(i, i + 100).map((deliveryId) => ({ body: { deliveryId } })));
    },
  };
}
