/**
 * Cloudflare Worker entry: fetch, the Cron Triggers and the queues (deliveries, PDF renders). Everything
 * runtime-specific (bindings, secrets, queues, cron) stays here and in src/worker/.
 */
import { build } from "./worker/deps";
import { scheduled } from "./worker/cron";
import type { Env } from "./worker/env";
import { consumeDeliveries } from "./worker/queue";

export type { Env } from "./worker/env";
export { checkBaseUrl } from "./worker/config";
export { createDeps } from "./worker/deps";
export { r2Backups } from "./worker/r2-backups";
export { scheduled } from "./worker/cron";

/** A configuration that cannot start answers 500 problem+json; the reason goes to the logs only. */
function misconfigured(err: unknown): Response {
  console.error(
    JSON.stringify({ level: "error", code: "ERR_CONFIG", error: err instanceof Error ? err.message : String(err) }),
  );
  return new Response(
    JSON.stringify({
      type: "urn:wego:problem:config",
      title: "ERR_CONFIG",
      status: 500,
      code: "ERR_CONFIG",
      detail: "The service is misconfigured; see the logs",
    }),
    { status: 500, headers: { "Content-Type": "application/problem+json" } },
  );
}

export default {
  scheduled: (controller, env, ctx) => ctx.waitUntil(scheduled(controller, env)),
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    try {
      const { app } = await build(env);
      return await app.fetch(request, env, ctx);
    } catch (err) {
      return misconfigured(err);
    }
  },
  /** Delivery jobs (and, from the dead-letter queue, jobs that ran out of attempts), and PDF renders. */
  queue: (batch: MessageBatch<unknown>, env: Env) => consumeDeliveries(batch, env),
} satisfies ExportedHandler<Env>;
