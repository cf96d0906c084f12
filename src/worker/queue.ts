/** The delivery queue's consumer: jobs, and from the dead-letter queue, jobs that ran out of attempts. */
import { handleDeadLetters, handleDeliveryJobs } from "../services/delivery-consumer";
import { build } from "./deps";
import type { Env } from "./env";

/** Handles one batch of the delivery queue or of its dead-letter queue (name ending `-dlq`). */
export async function consumeDeliveries(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { deps } = await build(env);
  if (batch.queue.endsWith("-dlq")) await handleDeadLetters(deps, batch.messages);
  else await handleDeliveryJobs(deps, batch.messages);
}
