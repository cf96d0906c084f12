/**
 * Micro-benchmark: generic `jsonld.canonize` (RDFC-1.0) vs the specialised fast path, on a typical
 * issued credential and its proof configuration. Run with `npx tsx bench/canon-cli.ts`.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { createCanonicalizer } from "../src/adapters/jsonld/canonize";
import { fastCanonicalize } from "../src/adapters/jsonld/fast-canonize";
import { SEED_CATALOGUE } from "../src/domain/catalogue";
import { buildCredential, wegoIssuer } from "../src/domain/credential";

/** Median, in microseconds, of one measured operation. */
export interface CanonBenchRow {
  case: string;
  genericUs: number;
  fastUs: number;
  /** fast / generic. */
  ratio: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median µs per call of `fn`, timed in batches of `batch` calls after `warmup` calls. */
async function measure(fn: () => unknown, samples: number, batch: number, warmup = 200): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await fn();
    times.push(((performance.now() - t0) * 1000) / batch);
  }
  return median(times);
}

/** Runs the benchmark, prints a table and returns the rows. */
export async function runCanonBench(): Promise<CanonBenchRow[]> {
  const generic = createCanonicalizer();
  const issuer = wegoIssuer("did:web:certs.we-gov.org");
  const doc = await buildCredential({
    baseUrl: "https://certs.we-gov.org",
    certificateId: "01JCERT0000000000000000000",
    issuer,
    achievement: SEED_CATALOGUE[1]!,
    recipientName: "김민준",
    recipientEmail: "minjun@example.org",
    salt: "9f86d081884c7d65",
    issuedAt: new Date("2024-05-01T12:34:56Z"),
    validUntil: "2034-05-01T00:00:00Z",
    credentialStatus: [
      {
        id: "https://certs.we-gov.org/status/revocation/1#17",
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: "17",
        statusListCredential: "https://certs.we-gov.org/status/revocation/1",
      },
    ],
  });
  const proofConfig = {
    type: "DataIntegrityProof",
    cryptosuite: "eddsa-rdfc-2022",
    created: "2024-05-01T12:34:56Z",
    verificationMethod: `${issuer.id}#key-1`,
    proofPurpose: "assertionMethod",
    "@context": doc["@context"],
  };
  for (const d of [doc, proofConfig]) {
    if (fastCanonicalize(d) !== (await generic(d))) throw new Error("fast and generic outputs differ");
  }

  const rows: CanonBenchRow[] = [];
  const row = (name: string, genericUs: number, fastUs: number) =>
    rows.push({
      case: name,
      genericUs: +genericUs.toFixed(1),
      fastUs: +fastUs.toFixed(2),
      ratio: +(fastUs / genericUs).toFixed(4),
    });

  row("credential", await measure(() => generic(doc), 300, 1), await measure(() => fastCanonicalize(doc), 300, 20));
  row(
    "proof config",
    await measure(() => generic(proofConfig), 300, 1),
    await measure(() => fastCanonicalize(proofConfig), 300, 20),
  );
  row(
    "credential + proof config",
    await measure(() => Promise.all([generic(doc), generic(proofConfig)]), 300, 1),
    await measure(() => [fastCanonicalize(doc), fastCanonicalize(proofConfig)], 300, 20),
  );
  console.table(rows);

  // SHA-256 of one first-degree quad list (§4.6), sync noble vs async WebCrypto.
  const input = new TextEncoder().encode(fastCanonicalize(doc)!.slice(0, 600));
  const noble = await measure(() => sha256(input), 300, 50);
  const subtle = await measure(() => crypto.subtle.digest("SHA-256", input), 300, 50);
  console.log(
    `SHA-256 of 600 bytes: @noble/hashes ${noble.toFixed(2)} µs, crypto.subtle ${subtle.toFixed(2)} µs (awaited)`,
  );
  return rows;
}
