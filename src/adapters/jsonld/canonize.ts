/**
 * RDF Dataset Canonicalization (RDFC-1.0) of JSON-LD documents through `jsonld`, with a static
 * document loader over the bundled contexts.
 *
 * `safe: true` makes expansion fail on any term the contexts do not define instead of dropping it:
 * a dropped term would be outside the signature and could be changed freely (../NOTES: "Terms must
 * be defined by the contexts").
 */
import { BUNDLED_CONTEXTS } from "./contexts";

import type { Canonicalize } from "../../domain/ports";

export type { Canonicalize };

/**
 * `jsonld` is loaded on first use: the specialised canonicalizer (fast-canonize.ts) answers for
 * the shapes this service issues, so most isolates never pay for evaluating it at start-up.
 */
const loadJsonld = async () => (await import("jsonld")).default;

/** Builds a canonicalizer that resolves only the given contexts (the bundled ones by default). */
export function createCanonicalizer(contexts: ReadonlyMap<string, unknown> = BUNDLED_CONTEXTS): Canonicalize {
  const documentLoader = async (url: string) => {
    const document = contexts.get(url);
    if (document === undefined) throw new Error(`context not bundled: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
  return async (doc) =>
    (await (
      await loadJsonld()
    ).canonize(doc, {
      algorithm: "RDFC-1.0",
      format: "application/n-quads",
      documentLoader,
      safe: true,
      // VC 2.0 §11.1: a language value's `@direction` is kept in the signed dataset as an
      // i18n datatype, as Digital Bazaar's eddsa-rdfc-2022 cryptosuite canonicalizes it.
      rdfDirection: "i18n-datatype",
    })) as string;
}
