/** Runs bench/canon-bench.ts alone: `npx tsx bench/canon-cli.ts`. */
import { runCanonBench } from "./canon-bench";

console.table(await runCanonBench());
