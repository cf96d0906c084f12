/**
 * Makes every property test reproducible. `npm test` runs with a fixed seed (so CI cannot go red at
 * random); `npm run test:slow` runs with a fresh random seed and 10× the runs. fast-check prints the
 * seed and the shrunk counterexample of any failure; replay it with `FC_SEED=<seed> npx vitest run`,
 * and add the counterexample as a named regression case in the fast suite.
 *
 * The values come from `vitest.config.ts` through `define`, which works in Node and in workerd alike.
 */
import fc from "fast-check";

declare const __FC_SEED__: number;
declare const __FC_RUNS_FACTOR__: number;

fc.configureGlobal({ seed: __FC_SEED__ });

/** Runs for one property: `base` in the fast suite, scaled up in the slow suite. */
export function runs(base: number): { numRuns: number } {
  return { numRuns: Math.max(1, Math.round(base * __FC_RUNS_FACTOR__)) };
}
