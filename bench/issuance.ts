/** Issuance on local D1: bulk CSV (POST /admin/batches + /process) vs single POST /admin/certificates. */
import { check, fmt, log, ratioText, row } from "./report";
import { bulkIssue, type ScaleTarget } from "./scale";

/** Runs `single` single issuances sequentially, then with 8 clients, then a `rows`-row batch; adds the rows. */
export async function runIssuance(
  target: ScaleTarget,
  issue: (i: number, tag: string) => Promise<unknown>,
  SINGLE: number,
  ROWS: number,
): Promise<void> {
  log(`5. issuance: ${SINGLE} single POST /admin/certificates sequentially, then with 8 clients; bulk ${ROWS} rows`);
  let t = performance.now();
  for (let i = 0; i < SINGLE; i++) await issue(i, "seq");
  const seq = SINGLE / ((performance.now() - t) / 1000);
  t = performance.now();
  let n = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (n < SINGLE) await issue(n++, "conc");
    }),
  );
  const conc = SINGLE / ((performance.now() - t) / 1000);
  t = performance.now();
  const bulk = await bulkIssue(target, ROWS, "bulk", (m) => log(`     ${m}`));
  const bulkSeconds = (performance.now() - t) / 1000;
  const bulkRate = (bulk.counts.issued ?? 0) / bulkSeconds;
  for (const [label, rate] of [
    ["sequential", seq],
    ["8 concurrent clients", conc],
  ] as const)
    row(
      `Issuance on local D1: bulk CSV (${ROWS} rows) vs single POST /admin/certificates, ${label}`,
      `${fmt(bulkRate)} cert/s (${bulk.counts.issued} in ${bulkSeconds.toFixed(1)} s)`,
      `${fmt(rate)} cert/s (${SINGLE} single)`,
      ratioText(bulkRate / rate),
      "≥ 5×",
      check(bulkRate / rate >= 5 && bulk.counts.issued === ROWS),
    );
}
