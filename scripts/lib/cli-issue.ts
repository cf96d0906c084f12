/** `issue` (one certificate or a cohort file), `revoke | suspend | unsuspend` and `reissue`. */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { CliError } from "./cli-http";
import { createProgress, duration, fmt, processed, rate, type BatchProgress } from "./cli-format";
import { certificateIdOf, connect, io, need } from "./cli-connect";
import type { Opts } from "./cli-spec";

/** A row of a batch report (GET /admin/batches/{id}). */
interface ReportRow {
  line: number;
  externalId: string | null;
  state: string;
  errors?: { field: string | null; message: string }[];
}

/** A batch report as the API returns it. */
interface BatchReport extends BatchProgress {
  id: string;
  done: boolean;
  rows?: ReportRow[];
}

function certificateRequest(opts: Opts) {
  return {
    recipient: { name: opts.name, email: opts.email },
    achievementId: opts.achievement,
    ...(opts["valid-until"] ? { validUntil: opts["valid-until"] } : {}),
    ...(opts.language ? { language: opts.language } : {}),
    ...(opts.notify ? { notify: true } : {}),
  };
}

function printIssued(
  body: {
    id: string;
    url: string;
    pdfUrl?: string;
    qrUrl?: string;
    supersedes?: string;
    delivery?: { id: string; status: string };
  },
  replayed: boolean,
): void {
  io.out(`${replayed ? "Already issued (idempotent replay)" : "Issued"}: ${body.id}`);
  io.out(`  url:  ${body.url}`);
  if (body.pdfUrl) io.out(`  pdf:  ${body.pdfUrl}`);
  if (body.qrUrl) io.out(`  qr:   ${body.qrUrl}`);
  if (body.delivery) io.out(`  email: ${body.delivery.status} (delivery ${body.delivery.id})`);
  if (body.supersedes) io.out(`  supersedes: ${body.supersedes}`);
}

async function issueOne(opts: Opts): Promise<number> {
  need(opts, ["name", "email", "achievement"], "issue");
  const client = connect(opts);
  const key = opts["idempotency-key"] ?? `cli-${randomUUID()}`;
  const res = await client.request("POST", "/admin/certificates", {
    json: certificateRequest(opts),
    headers: { "idempotency-key": key },
    retry: true,
  });
  printIssued(res.body, res.headers.get("idempotent-replayed") === "true");
  io.out(`  Idempotency-Key: ${key}`);
  return 0;
}

function defaultOut(input: string | undefined, id: string): string {
  if (!input) return `batch-${id}.results.csv`;
  return input.replace(/\.(csv|json)$/i, "") + ".results.csv";
}

async function issueBatch(opts: Opts): Promise<number> {
  if (opts.csv && opts.json) throw new CliError("issue: give --csv or --json, not both");
  const input = opts.csv ?? opts.json;
  const client = connect(opts);
  const startedAt = Date.now();
  let report: BatchReport;
  if (opts.resume) {
    report = (await client.request("GET", `/admin/batches/${encodeURIComponent(opts.resume)}`, { retry: true })).body;
    io.err(`Resuming batch ${report.id}: ${fmt(report.total)} rows, ${fmt(report.counts.pending)} pending`);
  } else {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(input!);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new CliError(`cannot read ${input}: ${err.code === "ENOENT" ? "no such file" : err.message}`);
    }
    try {
      report = (
        await client.request("POST", opts.notify ? "/admin/batches?notify=true" : "/admin/batches", {
          body: new Uint8Array(bytes),
          contentType: opts.csv ? "text/csv; charset=utf-8" : "application/json",
        })
      ).body;
    } catch (e) {
      if (e instanceof CliError && e.status === 400) e.message = `${input} was rejected\n${e.message}`;
      throw e;
    }
    io.err(`Uploaded ${input}: batch ${report.id}, ${fmt(report.total)} rows`);
  }
  const id = report.id;
  const out = opts.out ?? defaultOut(input, id);
  const baseline = opts.resume ? processed(report) : 0;
  const progress = createProgress(process.stderr, { startedAt, baseline });
  const onSigint = () => {
    progress.finish();
    io.err(`\ninterrupted; batch ${id} is stored. Continue with: npm run cli -- issue --resume ${id}`);
    process.exit(130);
  };
  process.on("SIGINT", onSigint);
  progress.update(report);
  let idle = 0;
  try {
    while (!report.done) {
      const next = (await client.request("POST", `/admin/batches/${id}/process`, { retry: true })).body as BatchReport;
      idle = processed(next) > processed(report) ? 0 : idle + 1;
      report = next;
      progress.update(report);
      if (idle >= 20)
        throw new CliError(`batch ${id} made no progress in 20 requests`, {
          hint: `Continue later with: npm run cli -- issue --resume ${id}`,
        });
      if (idle > 0) await new Promise((r) => setTimeout(r, Math.min(200 * idle, 2000)));
    }
  } catch (e) {
    progress.finish();
    if (e instanceof CliError && !e.hint)
      throw new CliError(e.message, {
        exitCode: e.exitCode,
        status: e.status,
        hint: `Batch ${id} is stored; continue with: npm run cli -- issue --resume ${id}`,
      });
    throw e;
  } finally {
    process.off("SIGINT", onSigint);
  }
  progress.finish();
  const elapsed = Date.now() - startedAt;
  const full = (await client.request("GET", `/admin/batches/${id}`, { retry: true })).body as BatchReport;
  const csv = (await client.request("GET", `/admin/batches/${id}.csv`, { retry: true, accept: "text/csv" })).body;
  fs.writeFileSync(out, typeof csv === "string" ? csv : JSON.stringify(csv));

  const c = full.counts;
  const done = processed(full) - baseline;
  const w = Math.max(...[c.issued, c.existing, c.failed, full.total].map((n) => fmt(n).length));
  const row = (label: string, n: number) => io.out(`  ${label.padEnd(16)}${fmt(n).padStart(w)}`);
  io.out(`Batch ${id}: ${fmt(full.total)} rows in ${duration(elapsed)} (${fmt(rate(done, elapsed))} rows/s)`);
  row("issued", c.issued);
  row("already issued", c.existing);
  row("failed", c.failed);
  io.out(`Results: ${out}`);
  const failed = (full.rows ?? []).filter((r) => r.state === "failed");
  if (failed.length) {
    io.out("");
    io.out(`Row errors${failed.length > 20 ? ` (first 20 of ${fmt(failed.length)})` : ""}:`);
    for (const r of failed.slice(0, 20)) {
      const msg = (r.errors ?? []).map((e) => `${e.field ?? "row"}: ${e.message}`).join("; ") || "failed";
      io.out(`  line ${r.line}${r.externalId ? ` (${r.externalId})` : ""}: ${msg}`);
    }
    if (failed.length > 20) io.out(`  … ${fmt(failed.length - 20)} more in ${out}`);
  }
  return c.failed > 0 ? 2 : 0;
}

export async function issue(opts: Opts): Promise<number> {
  const bulk = opts.csv || opts.json || opts.resume;
  const single = opts.name || opts.email || opts.achievement;
  if (bulk && single) throw new CliError("issue: use either a file (--csv/--json) or --name/--email/--achievement");
  if (bulk) return issueBatch(opts);
  if (single) return issueOne(opts);
  throw new CliError("issue: give --csv FILE, --json FILE or --name/--email/--achievement", {
    hint: "See `npm run cli -- issue --help`.",
  });
}

export async function changeStatus(verb: string, arg: string | undefined, opts: Opts): Promise<number> {
  const id = certificateIdOf(arg);
  if (verb !== "unsuspend") need(opts, ["reason"], verb);
  const client = connect(opts);
  const json = { ...(verb !== "unsuspend" ? { reason: opts.reason } : {}), ...(opts.note ? { note: opts.note } : {}) };
  const res = await client.request("POST", `/admin/certificates/${id}/${verb}`, { json });
  const b = res.body;
  io.out(`Certificate ${b.id ?? id} is now ${b.status ?? verb}${b.changedAt ? ` (since ${b.changedAt})` : ""}.`);
  if (b.reason ?? json.reason) io.out(`  public reason: ${b.reason ?? json.reason}`);
  if (b.note ?? json.note) io.out(`  internal note: ${b.note ?? json.note}`);
  return 0;
}

export async function reissue(arg: string | undefined, opts: Opts): Promise<number> {
  const id = certificateIdOf(arg);
  need(opts, ["name", "email", "achievement"], "reissue");
  const client = connect(opts);
  const res = await client.request("POST", `/admin/certificates/${id}/reissue`, { json: certificateRequest(opts) });
  printIssued({ supersedes: id, ...res.body }, false);
  return 0;
}
