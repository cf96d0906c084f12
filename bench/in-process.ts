/**
 * In-process benchmarks, each beside a baseline measured in the same run:
 *  1. Data Integrity verification: our verifier vs the DCC stack, same credentials.
 *  2. Ed25519 verify: our crypto layer vs node:crypto.
 *  3. Canonicalization (bench/canon-bench.ts) and PDF rendering (bench/pdf.ts).
 */
import { runVerifyBench, runEd25519Bench } from "./verify-bench";
import { runCanonBench, type CanonBenchRow } from "./canon-bench";
import { runPdfBench } from "./pdf";
import { check, fmt, log, ratioText, row } from "./report";

/** Runs sections 1-3, adds their rows to the main table; returns the canonicalization rows and the interop line. */
export async function runInProcess(opts: {
  pdfRuns: number;
  credentials: number;
}): Promise<{ canonRows: CanonBenchRow[]; interop: string; credentials: number }> {
  const PDF_RUNS = opts.pdfRuns;
  log("1. Data Integrity verification: ours vs Digital Credentials Consortium (same credentials)");
  const vr = await runVerifyBench({ credentials: opts.credentials, samples: 15 });
  const dccOk = vr.dccVerified.every(Boolean);
  const interop = `DCC @digitalcredentials/vc verifyCredential on our ${vr.credentials} credentials: verified:true for ${
    vr.dccVerified.filter(Boolean).length
  }/${vr.credentials}; our verifier: verified:true for ${vr.oursVerified.filter(Boolean).length}/${vr.credentials}`;
  console.log(`[bench] interoperability: ${interop}`);
  if (!dccOk) console.log(`[bench] DCC error: ${vr.dccError}`);
  {
    const { oursUs, baselineUs } = vr.comparison;
    const r = oursUs / baselineUs;
    row(
      "DI verify, one OB3 credential (eddsa-rdfc-2022), median per credential",
      `${fmt(oursUs / 1000, 3)} ms`,
      `${fmt(baselineUs / 1000, 3)} ms (DCC vc 10 + eddsa-rdfc-2022)`,
      ratioText(r),
      "≤ 0.5×",
      check(dccOk && vr.oursVerified.every(Boolean) && r <= 0.5),
    );
    row(
      "  (info) same, our verifier with the generic jsonld canonicalizer",
      `${fmt(vr.oursGenericUs / 1000, 3)} ms`,
      `${fmt(baselineUs / 1000, 3)} ms`,
      ratioText(vr.oursGenericUs / baselineUs),
      "—",
      "—",
    );
  }

  log("2. Ed25519 verify: ed25519Verify (WebCrypto) vs node:crypto.verify");
  const er = await runEd25519Bench({ samples: 25 });
  {
    const oneAtATime = 1e6 / er.sequential.oursUs;
    const native = 1e6 / er.sequential.baselineUs;
    const conc = 1e6 / er.concurrentUs;
    const raw = 1e6 / er.rawSubtleUs;
    // Throughput as a server sees it: verifications per second with requests in flight. WebCrypto
    // runs on libuv's thread pool in Node; node:crypto.verify is synchronous on the calling thread.
    row(
      "Ed25519 verify throughput through our layer (16 in flight)",
      `${fmt(conc)} /s`,
      `${fmt(native)} /s node:crypto.verify (sync)`,
      ratioText(conc / native),
      "≥ 0.8×",
      check(conc / native >= 0.8),
    );
    row(
      "  (info) layer overhead: ed25519Verify vs raw crypto.subtle.verify, one at a time",
      `${fmt(oneAtATime)} /s (${fmt(er.sequential.oursUs, 1)} µs)`,
      `${fmt(raw)} /s (${fmt(er.rawSubtleUs, 1)} µs) raw WebCrypto, pre-imported key`,
      ratioText(oneAtATime / raw),
      "—",
      "—",
    );
    row(
      "  (info) one at a time (awaited) vs node:crypto: Node's WebCrypto job overhead",
      `${fmt(oneAtATime)} /s (${fmt(er.sequential.oursUs, 1)} µs)`,
      `${fmt(native)} /s (${fmt(er.sequential.baselineUs, 1)} µs) node:crypto`,
      ratioText(oneAtATime / native),
      "—",
      "—",
    );
  }

  log("3a. canonicalization (bench/canon-bench.ts)");
  const canonRows = await runCanonBench();

  log(`3b. PDF rendering (bench/pdf.ts, ${PDF_RUNS} runs per case)`);
  const pdfRows = await runPdfBench({ runs: PDF_RUNS });
  {
    const base = pdfRows[0]!;
    for (const r of pdfRows) {
      if (r === base) {
        row(`PDF: ${r.case}`, `${fmt(r.medianMs)} ms`, "(this is the baseline)", "1.00×", "—", "—");
        continue;
      }
      if (!/Latin|Hangul/.test(r.case)) continue;
      row(
        `PDF: ${r.case}`,
        `${fmt(r.medianMs)} ms (cold ${fmt(r.coldMs ?? NaN)} ms)`,
        `${fmt(base.medianMs)} ms`,
        ratioText(r.ratio),
        r.target !== undefined ? `≤ ${r.target}×` : "—",
        r.target !== undefined ? check(r.ratio <= r.target) : "—",
      );
    }
  }
  return { canonRows, interop, credentials: vr.credentials };
}
