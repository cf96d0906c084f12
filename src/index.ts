/**
 * Cloudflare Worker entry: fetch, the Cron Triggers and the queues (deliveries, PDF renders). Everything
 * runtime-specific (bindings, secrets, queues, cron) stays here and in src/worker/.
 */
import { env as startupEnv } from "cloudflare:workers";
import { AppError } from "./errors";
import { build } from "./worker/deps";
import { scheduled } from "./worker/cron";
import type { Env } from "./worker/env";
import { consumeDeliveries } from "./worker/queue";
import { prepareFirstRequests, warmUpVerification } from "./worker/warm-up";
import { createCanonicalizer } from "./adapters/jsonld/canonize";
import { createFastCanonicalizer } from "./adapters/jsonld/fast-canonize";

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

/** A warm-up that fails is logged and changes nothing else (worker/warm-up.ts). */
function warmUpFailed(e: unknown): void {
  let error = "unprintable error";
  try {
    error = String(e);
  } catch {
    // An object without a usable toString (a null prototype): the event alone is logged.
  }
  console.warn(JSON.stringify({ level: "warn", event: "warm_up_failed", error }));
}

// Issue 15: Workers evaluate the global scope before the first request, under their start-up
// limit (1 s), so the verification path is compiled here, not in a new isolate's first request.
// Built inside the promise: a throw here must not stop the Worker from starting.
const verified = Promise.resolve().then(() => warmUpVerification(createFastCanonicalizer(createCanonicalizer())));
void verified.then((r) => {
  if (!r.dataIntegrity.verified || !r.vcJwt.verified) warmUpFailed("the sample did not verify");
}, warmUpFailed);
// The app, too, is built here when the configuration allows; when it does not, the first request
// answers ERR_CONFIG as before.
void build(startupEnv as Env)
  .then(async ({ deps }) => prepareFirstRequests(deps, await verified.catch(() => undefined)))
  .catch((e: unknown) => {
    if (!(e instanceof AppError && e.code === "ERR_CONFIG")) warmUpFailed(e);
  });

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
