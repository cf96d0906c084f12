/**
 * The Worker as Cloudflare would receive it: `wrangler deploy --dry-run --outdir` builds the upload
 * (script plus the two WebAssembly modules, HarfBuzz and resvg) without deploying; each file is
 * gzipped here (level 9, what the size limits count: 3 MiB compressed on the Workers free plan,
 * 10 MiB on paid plans). `wrangler check startup` profiles the start-up phase (module evaluation) in
 * local workerd; its busy time (CPU profile samples that are not idle) is the start-up CPU.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

export interface BundleFile {
  name: string;
  bytes: number;
  gzip: number;
}

export interface BundleReport {
  files: BundleFile[];
  total: BundleFile;
  /** Start-up CPU from `wrangler check startup`, ms (NaN when it could not run). */
  startupMs: number;
}

const WRANGLER = "node_modules/wrangler/bin/wrangler.js";

function wrangler(args: string[]): void {
  const r = spawnSync(process.execPath, [WRANGLER, ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")}: ${r.stderr || r.stdout}`);
}

/** Busy (non-idle) milliseconds of a V8 .cpuprofile. */
function busyMs(profileFile: string): number {
  const p = JSON.parse(fs.readFileSync(profileFile, "utf8")) as {
    nodes: { id: number; callFrame: { functionName: string } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const idle = new Set(p.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let us = 0;
  p.samples.forEach((s, i) => {
    if (!idle.has(s)) us += p.timeDeltas[i] ?? 0;
  });
  return us / 1000;
}

/** Builds the upload, measures it, and profiles start-up `startupRuns` times (median). */
export function measureBundle(startupRuns = 3): BundleReport {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wego-bundle-"));
  try {
    const out = path.join(dir, "out");
    wrangler(["deploy", "--dry-run", "--outdir", out]);
    const files = fs
      .readdirSync(out)
      .filter((f) => f.endsWith(".js") || f.endsWith(".wasm"))
      .map((f) => {
        const bytes = fs.readFileSync(path.join(out, f));
        return {
          name: f.replace(/^[0-9a-f]{40}-/, ""),
          bytes: bytes.length,
          gzip: zlib.gzipSync(bytes, { level: 9 }).length,
        };
      })
      .sort((a, b) => b.bytes - a.bytes);
    const total = {
      name: "total",
      bytes: files.reduce((s, f) => s + f.bytes, 0),
      gzip: files.reduce((s, f) => s + f.gzip, 0),
    };
    const startups: number[] = [];
    for (let i = 0; i < startupRuns; i++) {
      const profile = path.join(dir, `startup-${i}.cpuprofile`);
      try {
        wrangler(["check", "startup", "--outfile", profile]);
        startups.push(busyMs(profile));
      } catch {
        // wrangler check startup is marked alpha: report what it could measure
      }
    }
    startups.sort((a, b) => a - b);
    return { files, total, startupMs: startups[Math.floor(startups.length / 2)] ?? Number.NaN };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The table lines. */
export function bundleTable(b: BundleReport): string[] {
  const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  return [
    "| file | size | gzip |",
    "|---|---|---|",
    ...[...b.files, b.total].map((f) => `| ${f.name} | ${mib(f.bytes)} | ${mib(f.gzip)} |`),
    `| limit: Workers free / paid plan (compressed) | — | 3 MiB / 10 MiB: ${b.total.gzip <= 3 * 2 ** 20 ? "within both" : b.total.gzip <= 10 * 2 ** 20 ? "paid plan only" : "OVER"} |`,
    `| start-up CPU (wrangler check startup, busy time of the profile, median) | ${Number.isFinite(b.startupMs) ? `${b.startupMs.toFixed(0)} ms` : "—"} | limit 1 s |`,
  ];
}
