/**
 * Makes every property test reproducible. `npm test` runs with a fixed seed (so CI cannot go red at
 * random); `npm run test:slow` runs with a fresh random seed and 5× the runs (FC_RUNS_FACTOR).
 * fast-check prints the seed and the shrunk counterexample of any failure; replay it with
 * `FC_SEED=<seed> npx vitest run`, and add the counterexample as a named regression case in the
 * fast suite.
 *
 * The values come from `vitest.config.ts` through `provide`/`inject`, which works in Node and in workerd.
 */
import fc from "fast-check";
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    fcSeed: number;
    fcFactor: number;
    slow: boolean;
    fcNoShrink: boolean;
  }
}

const seed = inject("fcSeed");
const factor = inject("fcFactor");
// FC_NO_SHRINK=1 reports the first counterexample as found: shrinking async properties that call
// the Worker can take longer than the test timeout.
fc.configureGlobal({ seed, endOnFailure: inject("fcNoShrink") });

/**
 * True in `npm run test:slow` (WEGO_SLOW=1): tests that have a large and a small form (the
 * 10,000-row batch, big fuzz runs) take the large one there and the small one in `npm test`.
 */
export const SLOW = inject("slow");

/** `fast` in `npm test`, `slow` in `npm run test:slow`. */
export function sized<T>(fast: T, slow: T): T {
  return SLOW ? slow : fast;
}

/** Runs for one property: `base` in the fast suite, scaled up in the slow suite. */
export function runs(base: number): { numRuns: number } {
  return { numRuns: Math.max(1, Math.round(base * factor)) };
}
