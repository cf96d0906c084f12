/**
 * A stand-in for the two Cloudflare services email delivery talks to (the queue and the sending
 * service): enqueued jobs are kept in a list the test hands to the real consumer, and each message
 * given to "send" is parsed back with postal-mime. Our own storage stays real.
 */
import PostalMime from "postal-mime";
import { MailSendError, type AppDeps, type OutgoingEmail } from "../../src/services/context";
import type { QueueJob } from "../../src/services/delivery-consumer";

/** A message the fake sending service accepted, parsed. */
export interface Captured {
  to: string;
  envelopeFrom: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  replyTo?: string;
  contentLanguage?: string;
}

/** How the fake sending service answers an address (default: accepts). */
export type Behaviour = (to: string, attempt: number) => "ok" | "transient" | "refused";

export interface FakeMail {
  deps: Partial<AppDeps>;
  /** Delivery ids enqueued and not yet handed to the consumer. */
  queue: string[];
  sent: Captured[];
  /** Every call to send, successful or not. */
  attempts: string[];
}

export function fakeMail(base: AppDeps, behaviour: Behaviour = () => "ok"): FakeMail {
  const fake: FakeMail = { deps: {}, queue: [], sent: [], attempts: [] };
  const tries = new Map<string, number>();
  fake.deps = {
    mail: {
      ...base.mail,
      retryBaseSeconds: 30,
      enqueue: async (ids) => void fake.queue.push(...ids),
      send: async (m: OutgoingEmail) => {
        fake.attempts.push(m.to);
        const n = (tries.get(m.to) ?? 0) + 1;
        tries.set(m.to, n);
        const b = behaviour(m.to, n);
        if (b === "transient") throw new MailSendError("451 temporary failure (test)", false);
        if (b === "refused") throw new MailSendError("550 recipient rejected (test)", true);
        const p = await PostalMime.parse(m.raw);
        fake.sent.push({
          to: m.to,
          envelopeFrom: m.from,
          subject: p.subject ?? "",
          text: p.text ?? "",
          html: p.html ?? "",
          messageId: p.messageId ?? "",
          replyTo: p.replyTo?.[0]?.address,
        });
      },
    },
  };
  return fake;
}

/** A queue job as the consumer sees it, recording what the consumer decided. */
export interface RecordedJob extends QueueJob {
  outcome?: { kind: "ack" } | { kind: "retry"; delaySeconds?: number };
}

export function job(deliveryId: string, attempts = 1): RecordedJob {
  const j: RecordedJob = {
    body: { deliveryId },
    attempts,
    ack: () => void (j.outcome ??= { kind: "ack" }),
    retry: (o) => void (j.outcome ??= { kind: "retry", delaySeconds: o?.delaySeconds }),
  };
  return j;
}
