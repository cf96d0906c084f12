/**
 * "Find my certificates": a participant gives an address and receives one message listing every
 * certificate issued to it. The caller learns nothing: the answer is the same whether or not the
 * address is known, and the work happens after the answer (see routes/find.ts).
 */
import { certificatesByEmailIndex } from "../adapters/storage/certificate-lookup";
import { recentLookups } from "../adapters/storage/delivery-repository";
import { base64urlEncode } from "../lib/encoding";
import type { AppDeps } from "./context";
import { requestDeliveries } from "./deliveries";

/** Lookup messages per address per window: enough for a lost message, too few to flood an inbox. */
export const LOOKUPS_PER_ADDRESS = { limit: 3, windowMs: 60 * 60 * 1000 } as const;

/** What happened (for tests and logs only: never shown to the caller). */
export type LookupOutcome = "queued" | "unknown" | "address-limited";

/** Queues the lookup message for `email` if it has certificates and its hourly allowance is left. */
export async function findMyCertificates(deps: AppDeps, email: string, lang: "en" | "ko"): Promise<LookupOutcome> {
  const index = await (await deps.vault()).index(email);
  const certs = (await certificatesByEmailIndex(deps.store, index)).filter((c) => c.status !== "revoked");
  if (!certs.length) return "unknown";
  const since = new Date(deps.clock().getTime() - LOOKUPS_PER_ADDRESS.windowMs).toISOString();
  if ((await recentLookups(deps.store, index, since)) >= LOOKUPS_PER_ADDRESS.limit) return "address-limited";
  await requestDeliveries(
    deps,
    [
      {
        certificateId: null,
        kind: "lookup",
        dedupeKey: `lookup:${base64urlEncode(deps.random(12))}`,
        language: lang,
        lookupIndex: index,
      },
    ],
    { actor: "public:find" },
  );
  return "queued";
}
