/**
 * The queues' consumer: delivery jobs, and from the dead-letter queue, jobs that ran out of
 * attempts; background PDF renders from the render queue (name containing `pdf-renders`).
 */
import { handleDeadLetters, handleDeliveryJobs } from "../services/delivery-consumer";
import { handlePdfJobs } from "../services/pdf-jobs";
import { build } from "./deps";
import type { Env } from "./env";

/** Handles one batch of the delivery queue, its dead-letter queue (name ending `-dlq`) or the render queue. */
export async function consumeDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { deps } = await build(env);
  if (batch.queue.includes("pdf-renders")) return handlePdfJobs(deps, batch.messages);
  if (batch.queue.endsWith("-dlq")) return handleDeadLetters(deps, batch.messages);
  return handleDeliveryJobs(deps, batch.messages);
}
