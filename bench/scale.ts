/**
 * Cost per request at two database sizes: the same operations measured with ~1,000 certificates and
 * again after bulk issuance has filled the database to ~100,000 (the real issuing path: CSV batches,
 * slots, audit rows), on the same running service. Per operation: workerd CPU (bench/route-cpu.ts,
 * process CPU read around each request) and wall time, medians. Local D1 runs inside workerd, so its
 * query work is in the CPU figure; wrangler dev also relays a debugger event per D1 query, so local
 * D1 figures are upper bounds.
 */
import { cpuNs, settle } from "./route-cpu";

/** The running service and the workerd process to read CPU from. */
export interface ScaleTarget {
  base: string;
  admin: Record<string, string>;
  workerd: number;
}

/** One operation's samples at one size. */
export interface ScaleSample {
  cpuMs: number;
  wallMs: number;
  n: number;
}

/** Every operation at one size. */
export interface ScalePoint {
  certificates: number;
  ops: Record<string, ScaleSample>;
}

export const SCALE_OPS = [
  "read: GET /c/{id} (JSON, not cached in the isolate)",
  "verify: POST /credentials/verify (JSON, status slot not cached)",
  "revoke: POST /admin/certificates/{id}/revoke",
  "list fetch after a change: GET /status/{list}",
  "single issue: POST /admin/certificates",
  "batch: 100-row CSV, upload + process (per batch)",
] as const;

/**
 * Not an operation of the service: the trivial route (unknown path, 404, no D1), measured right
 * before each read at both sizes. It shows how far the machine and the isolate moved between the two
 * measurements (the sizes cannot be interleaved: the database only grows), without a verdict.
 */
export const SCALE_CONTROL = "(info) control: GET /no-such-path (404, no D1), beside each read";

/**
 * Unmeasured reads and verifications of other fresh certificates before each size's samples: the
 * first requests after the fill (or after start-up) still compile and optimize code, which is not
 * work that depends on the number of certificates.
 */
const SCALE_WARM = 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function must(res: Promise<Response>, status: number, what: string): Promise<Response> {
  const r = await res;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${await r.text()}`);
  return r;
}

/** Issues `rows` certificates through POST /admin/batches and /process; returns how many were issued. */
export async function bulkIssue(t: ScaleTarget, rows: number, tag: string, progress?: (m: string) => void) {
  const stamp = `${tag}-${Date.now().toString(36)}`;
  const lines = ["name,email,achievementId,externalId"];
  for (let i = 0; i < rows; i++)
    lines.push(`Bulk Person ${i},bulk-${stamp}-${i}@example.org,champions-2023-online,bench-${stamp}-${i}`);
  const up = await must(
    fetch(`${t.base}/admin/batches`, {
      method: "POST",
      headers: { ...t.admin, "content-type": "text/csv" },
      body: lines.join("\r\n") + "\r\n",
    }),
    202,
    "POST /admin/batches",
  );
  type Report = { id: string; done: boolean; counts: Record<string, number> };
  let report = (await up.json()) as Report;
  let calls = 0;
  let last = performance.now();
  while (!report.done) {
    const r = await must(
      fetch(`${t.base}/admin/batches/${report.id}/process`, { method: "POST", headers: t.admin }),
      200,
      "POST /admin/batches/{id}/process",
    );
    report = (await r.json()) as Report;
    calls++;
    if (progress && performance.now() - last > 15_000) {
      last = performance.now();
      progress(JSON.stringify(report.counts));
    }
  }
  return { counts: report.counts, calls };
}

/** Certificates in the database (the staff list's count). */
export async function certificateCount(t: ScaleTarget): Promise<number> {
  const r = await must(fetch(`${t.base}/admin/certificates?limit=1&count=true`, { headers: t.admin }), 200, "count");
  return ((await r.json()) as { total: number }).total;
}

async function newestIds(t: ScaleTarget, n: number): Promise<string[]> {
  const r = await must(fetch(`${t.base}/admin/certificates?limit=${n}`, { headers: t.admin }), 200, "list");
  return ((await r.json()) as { items: { id: string }[] }).items.map((i) => i.id);
}

/** GET /c/{id} as JSON: the signed credential's text. */
async function readCredential(t: ScaleTarget, id: string): Promise<string> {
  const r = await must(fetch(`${t.base}/c/${id}`, { headers: { accept: "application/json" } }), 200, "read");
  return r.text();
}

/** POST /credentials/verify with a credential's text; it must verify. */
async function verifyCredential(t: ScaleTarget, credential: string): Promise<void> {
  const r = await fetch(`${t.base}/credentials/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: `{"verifiableCredential":${credential}}`,
  });
  const out = (await r.json()) as { verified?: boolean };
  if (out.verified !== true) throw new Error(`verify: ${r.status} ${JSON.stringify(out)}`);
}

async function measure<T>(t: ScaleTarget, into: { cpu: number[]; wall: number[] }, run: () => Promise<T>) {
  const c0 = cpuNs(t.workerd);
  const w0 = performance.now();
  const out = await run();
  await new Promise((r) => setImmediate(r));
  into.wall.push(performance.now() - w0);
  into.cpu.push((cpuNs(t.workerd) - c0) / 1e6);
  return out;
}

/** Measures every operation of {@link SCALE_OPS} at the current database size (`batches` 100-row batches, after one unmeasured). */
export async function measureScale(t: ScaleTarget, samples: number, batches = 9): Promise<ScalePoint> {
  const acc = Object.fromEntries(
    [...SCALE_OPS, SCALE_CONTROL].map((k) => [k, { cpu: [] as number[], wall: [] as number[] }]),
  );
  const [read, verify, revoke, list, single, batch] = SCALE_OPS.map((k) => acc[k]!);
  const control = acc[SCALE_CONTROL]!;
  // Fresh certificates: never read by this isolate, so reads and status checks go to D1.
  await bulkIssue(t, samples * 2 + SCALE_WARM, "scale-probe");
  const all = await newestIds(t, samples * 2 + SCALE_WARM);
  const ids = all.slice(SCALE_WARM);
  for (const id of all.slice(0, SCALE_WARM)) await verifyCredential(t, await readCredential(t, id));
  // The CPU read around each request is the whole workerd process's: work left running by the fill
  // (the local D1 simulator's checkpoints, queued jobs) is not this request's, so wait it out.
  await settle(t.workerd);
  for (const id of ids.slice(0, samples)) {
    await measure(t, control, () => must(fetch(`${t.base}/no-such-path`), 404, "control").then((r) => r.text()));
    const body = await measure(t, read!, () => readCredential(t, id));
    await measure(t, verify!, () => verifyCredential(t, body));
  }
  for (const id of ids.slice(samples)) {
    const credential = (await (await must(fetch(`${t.base}/c/${id}.json`), 200, `GET /c/${id}.json`)).json()) as {
      credentialStatus?: unknown;
    };
    const entries = [credential.credentialStatus].flat() as { statusPurpose?: string; statusListCredential?: string }[];
    const listUrl = new URL(entries.find((e) => e.statusPurpose === "revocation")!.statusListCredential!);
    await measure(t, revoke!, () =>
      must(
        fetch(`${t.base}/admin/certificates/${id}/revoke`, {
          method: "POST",
          headers: { ...t.admin, "content-type": "application/json" },
          body: JSON.stringify({ reason: "withdrawn" }),
        }),
        200,
        "revoke",
      ).then((r) => r.text()),
    );
    await measure(t, list!, () => must(fetch(`${t.base}${listUrl.pathname}`), 200, "list").then((r) => r.text()));
  }
  for (let i = 0; i < samples; i++)
    await measure(t, single!, () =>
      must(
        fetch(`${t.base}/admin/certificates`, {
          method: "POST",
          headers: { ...t.admin, "content-type": "application/json" },
          body: JSON.stringify({
            recipient: { name: `Scale Person ${i}`, email: `scale-${Date.now()}-${i}@example.org` },
            achievementId: "champions-2023-online",
          }),
        }),
        201,
        "issue",
      ).then((r) => r.text()),
    );
  // One unmeasured batch first, as for the reads: a 100-row batch is 100-200 ms of CPU, and run C of
  // 2026-12-02 (5 batches, none unmeasured) had it at 1.57x where the runs before had 0.61-1.12x.
  await settle(t.workerd);
  await bulkIssue(t, 100, "scale-batch-warm");
  for (let i = 0; i < batches; i++) await measure(t, batch!, () => bulkIssue(t, 100, `scale-batch-${i}`));
  const certificates = await certificateCount(t);
  const ops = Object.fromEntries(
    Object.entries(acc).map(([k, v]) => [k, { cpuMs: median(v.cpu), wallMs: median(v.wall), n: v.cpu.length }]),
  );
  return { certificates, ops };
}

/** Fills the database to at least `target` certificates with 10,000-row batches. */
export async function fillTo(t: ScaleTarget, target: number, log: (m: string) => void): Promise<number> {
  let count = await certificateCount(t);
  while (count < target) {
    const rows = Math.min(10_000, target - count);
    const started = performance.now();
    await bulkIssue(t, rows, `fill-${count}`, (m) => log(`     ${m}`));
    count = await certificateCount(t);
    log(`   ${count} certificates (${rows} more in ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  return count;
}

/**
 * The table: each operation at both sizes and its CPU growth, raw and divided by the control's (the
 * trivial route, measured beside the reads at both sizes). The verdict takes the divided growth: the
 * sizes cannot be interleaved, and the machine's speed moves between them (the control, which does no
 * database work, grew 0.61× in one run and 1.65× in another), while the question is whether the work
 * per request depends on the number of certificates. Both figures are printed.
 */
export function scaleTable(small: ScalePoint, large: ScalePoint): string[] {
  const f = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2));
  const k = (n: number) => n.toLocaleString("en-US");
  const control = large.ops[SCALE_CONTROL]!.cpuMs / small.ops[SCALE_CONTROL]!.cpuMs;
  return [
    `| operation (median of n) | CPU ms at ${k(small.certificates)} | CPU ms at ${k(large.certificates)} | CPU growth | ÷ the control's growth (${control.toFixed(2)}×) | wall ms at ${k(small.certificates)} | wall ms at ${k(large.certificates)} | wall growth | ≤ 1.5× after ÷? |`,
    "|---|---|---|---|---|---|---|---|---|",
    ...[...SCALE_OPS, SCALE_CONTROL].map((op) => {
      const a = small.ops[op]!;
      const b = large.ops[op]!;
      const g = b.cpuMs / a.cpuMs;
      const relative = g / control;
      const verdict = op === SCALE_CONTROL ? "—" : relative <= 1.5 ? "yes" : "NO";
      return `| ${op} (n=${a.n}) | ${f(a.cpuMs)} | ${f(b.cpuMs)} | ${g.toFixed(2)}× | ${op === SCALE_CONTROL ? "—" : `${relative.toFixed(2)}×`} | ${f(a.wallMs)} | ${f(b.wallMs)} | ${(b.wallMs / a.wallMs).toFixed(2)}× | ${verdict} |`;
    }),
  ];
}
