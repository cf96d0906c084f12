/**
 * Verification benchmarks, run by `npm run bench` (imported by bench/run.ts):
 * - our Data Integrity verifier vs the Digital Credentials Consortium stack on the same credentials;
 * - Ed25519 verify through our crypto layer vs `node:crypto.verify`.
 * Medians of batches, the two sides alternating sample by sample so both see the same machine load.
 */
import { createPublicKey, verify as nodeVerify } from "node:crypto";
import { joseVerifyJws } from "../src/adapters/jwt/vc-jwt";
import { ed25519Verify } from "../src/adapters/crypto/ed25519";
import { checkShape } from "../src/services/verify-credential";
import { KNOWN_CONTEXTS } from "../src/adapters/jsonld/contexts";
import { base64urlEncode } from "../src/lib/encoding";
import { jwkThumbprint, toMultikey, type PublishedKey } from "../src/adapters/crypto/keys";
import { createCanonicalizer } from "../src/adapters/jsonld/canonize";
import { BUNDLED_CONTEXTS } from "../src/adapters/jsonld/contexts";
import { createFastCanonicalizer } from "../src/adapters/jsonld/fast-canonize";
import { SEED_CATALOGUE } from "../src/domain/catalogue";
import { buildCredential, isoSeconds, wegoIssuer } from "../src/domain/credential";
import { createProof, decodeProofValue, hashData } from "../src/domain/data-integrity";
import { verifyDataIntegrity, type VerifyDeps } from "../src/domain/verify";
import { createDccVerifier } from "./dcc.mjs";

export interface Comparison {
  /** Median µs per operation. */
  oursUs: number;
  baselineUs: number;
  samples: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Times `batch` calls of `fn`; µs per call. */
async function timeBatch(fn: (i: number) => unknown, batch: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) await fn(i);
  return ((performance.now() - t0) * 1000) / batch;
}

/** Alternates samples of `ours` and `baseline` after a warm-up; medians of µs per call. */
async function compare(
  ours: (i: number) => unknown,
  baseline: (i: number) => unknown,
  opts: { samples: number; oursBatch: number; baselineBatch: number; warmup: number },
): Promise<Comparison> {
  await timeBatch(ours, opts.warmup);
  await timeBatch(baseline, opts.warmup);
  const a: number[] = [];
  const b: number[] = [];
  for (let s = 0; s < opts.samples; s++) {
    a.push(await timeBatch(ours, opts.oursBatch));
    b.push(await timeBatch(baseline, opts.baselineBatch));
  }
  return { oursUs: median(a), baselineUs: median(b), samples: opts.samples };
}

const DID = "did:web:certs.we-gov.org";
const BASE = "https://certs.we-gov.org";

/** A generated issuer key (WebCrypto), its published form, and `n` signed credentials. */
export async function makeFixtures(n: number) {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const publicKey = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  const kid = await jwkThumbprint(publicKey);
  const issuedAt = new Date(Date.now() - 86_400_000);
  const key: PublishedKey = {
    kid,
    publicKeyMultibase: toMultikey(publicKey),
    notBefore: isoSeconds(new Date(issuedAt.getTime() - 86_400_000)),
    status: "active",
    publicKey,
  };
  const canonicalize = createFastCanonicalizer(createCanonicalizer());
  const sign = async (data: Uint8Array) =>
    new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, pair.privateKey, data));
  const names = ["김민준", "Ləman Əliyeva", "Ελένη Παπαδοπούλου", "Nguyễn Thị Minh Khai", "Jean-Luc Picard"];
  const credentials: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    // 22 characters, like the 128-bit base64url ids the service issues.
    const id = `BENCH${String(i).padStart(17, "0")}`;
    const doc = await buildCredential({
      baseUrl: BASE,
      certificateId: id,
      issuer: wegoIssuer(DID),
      achievement: SEED_CATALOGUE[i % SEED_CATALOGUE.length]!,
      recipientName: `${names[i % names.length]} ${i}`,
      recipientEmail: `person${i}@example.org`,
      salt: (0x9f86d081884c7d65n + BigInt(i)).toString(16),
      issuedAt,
      validUntil: "2036-01-01T00:00:00Z",
      // Both entries, as issued (services/issue-certificate.ts statusEntries).
      credentialStatus: (["revocation", "suspension"] as const).map((purpose) => ({
        id: `${BASE}/status/${purpose[0]}1#${i}`,
        type: "BitstringStatusListEntry" as const,
        statusPurpose: purpose,
        statusListIndex: String(i),
        statusListCredential: `${BASE}/status/${purpose[0]}1`,
      })),
    });
    credentials.push(
      await createProof(doc, {
        verificationMethod: `${DID}#${kid}`,
        created: isoSeconds(issuedAt),
        canonicalize,
        sign,
      }),
    );
  }
  return { key, publicKey, pair, canonicalize, credentials };
}

export interface VerifyBenchResult {
  credentials: number;
  /** DCC's verdict on each of our credentials (interoperability). */
  dccVerified: boolean[];
  dccError?: string;
  oursVerified: boolean[];
  /** ours = our verifier, baseline = DCC; µs per credential. */
  comparison: Comparison;
  /** Extra: same comparison, but our verifier without the fast canonicalizer (generic jsonld). */
  oursGenericUs: number;
}

/** Our verifier vs DCC on the same credentials. Status: a stub returning ok on both sides. */
export async function runVerifyBench(
  opts: { credentials?: number; samples?: number } = {},
): Promise<VerifyBenchResult> {
  const n = opts.credentials ?? 20;
  const fx = await makeFixtures(n);
  const records = new Map(fx.credentials.map((c) => [c.id as string, { credential: c, vcJwt: "" }]));
  const deps = (canonicalize: VerifyDeps["canonicalize"]): VerifyDeps => ({
    issuerDid: DID,
    keys: [fx.key],
    canonicalize,
    verifySignature: ed25519Verify,
    verifyJws: joseVerifyJws,
    now: new Date(),
    checkShape,
    knownContexts: KNOWN_CONTEXTS,
    // The register lookup: an in-memory map by id, as the per-isolate cache serves it when warm.
    findIssued: async (id) => records.get(id) ?? null,
    checkStatus: async () => ({ state: "ok" }),
  });
  const fast = deps(fx.canonicalize);
  const generic = deps(createCanonicalizer());
  const dcc = createDccVerifier({ did: DID, keys: [fx.key], contexts: BUNDLED_CONTEXTS });

  const dccVerified: boolean[] = [];
  let dccError: string | undefined;
  const oursVerified: boolean[] = [];
  for (const c of fx.credentials) {
    const r = await dcc(structuredClone(c));
    dccVerified.push(r.verified === true);
    if (!r.verified && !dccError)
      dccError = String((r as { error?: unknown }).error ?? JSON.stringify(r).slice(0, 500));
    oursVerified.push((await verifyDataIntegrity(structuredClone(c), fast)).verified);
  }
  const samples = opts.samples ?? 15;
  const comparison = await compare(
    (i) => verifyDataIntegrity(fx.credentials[i % n], fast),
    (i) => dcc(fx.credentials[i % n]!),
    { samples, oursBatch: n * 5, baselineBatch: n, warmup: n * 2 },
  );
  const genericCmp = await compare(
    (i) => verifyDataIntegrity(fx.credentials[i % n], generic),
    () => undefined,
    { samples: Math.max(5, Math.floor(samples / 2)), oursBatch: n, baselineBatch: 1, warmup: n },
  );
  return { credentials: n, dccVerified, dccError, oursVerified, comparison, oursGenericUs: genericCmp.oursUs };
}

export interface Ed25519BenchResult {
  /** ours = ed25519Verify awaited one at a time; baseline = node:crypto.verify (sync). µs per verify. */
  sequential: Comparison;
  /** ours with 16 verifications in flight (WebCrypto runs on libuv's thread pool); µs per verify. */
  concurrentUs: number;
  /** crypto.subtle.verify with a pre-imported key, awaited one at a time (WebCrypto's own cost). */
  rawSubtleUs: number;
}

/** Ed25519 verify of one real signed hash (64 bytes) with both APIs. */
export async function runEd25519Bench(opts: { samples?: number } = {}): Promise<Ed25519BenchResult> {
  const fx = await makeFixtures(1);
  const { proof, ...unsecured } = fx.credentials[0]! as Record<string, unknown> & { proof: Record<string, unknown> };
  const msg = await hashData(unsecured, proof, fx.canonicalize);
  const sig = decodeProofValue(proof.proofValue)!;
  const pub = fx.publicKey;
  const keyObject = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: base64urlEncode(pub) }, format: "jwk" });
  if (!(await ed25519Verify(sig, msg, pub)) || !nodeVerify(null, msg, keyObject, sig))
    throw new Error("Ed25519 fixture does not verify");
  const samples = opts.samples ?? 25;
  const sequential = await compare(
    () => ed25519Verify(sig, msg, pub),
    () => nodeVerify(null, msg, keyObject, sig),
    { samples, oursBatch: 400, baselineBatch: 400, warmup: 500 },
  );
  const cryptoKey = await crypto.subtle.importKey("raw", pub, { name: "Ed25519" }, false, ["verify"]);
  const raw = await compare(
    () => crypto.subtle.verify({ name: "Ed25519" }, cryptoKey, sig, msg),
    () => undefined,
    { samples: Math.max(5, Math.floor(samples / 2)), oursBatch: 400, baselineBatch: 1, warmup: 200 },
  );
  const conc: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t0 = performance.now();
    for (let r = 0; r < 25; r++) await Promise.all(Array.from({ length: 16 }, () => ed25519Verify(sig, msg, pub)));
    conc.push(((performance.now() - t0) * 1000) / 400);
  }
  return { sequential, concurrentUs: median(conc), rawSubtleUs: raw.oursUs };
}
