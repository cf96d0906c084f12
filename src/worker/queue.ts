/** The delivery queue's consumer: jobs, and from the dead-letter queue, jobs that ran out of attempts. */
import { handleDeadLetters, handleDeliveryJobs } from "../services/delivery-consumer";
import { handlePdfJobs, renderJobOf } from "../services/pdf-jobs";
import { build } from "./deps";
import type { Env } from "./env";

/**
 * Handles one batch of the delivery queue or of its dead-letter queue (name ending `-dlq`). The
 * delivery queue also carries background PDF renders (`{ renderPdf: <certificate id> }`).
 */
export async function consumeDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { deps } = await build(env);
  if (batch.queue.endsWith("-dlq")) return handleDeadLetters(deps, batch.messages);
  const renders = batch.messages.filter((m) => renderJobOf(m.body) !== null);
  const deliveries = batch.messages.filter((m) => renderJobOf(m.body) === null);
  // Messages first: a participant waits for the email, nobody waits for a background render.
  await handleDeliveryJobs(deps, deliveries);
  await handlePdfJobs(deps, renders);
}
