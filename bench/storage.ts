/**
 * Storage per certificate, read from the local D1 database after the scale run (service stopped):
 * the bytes of every row per table (sum of each column's length as stored: text in UTF-8, blobs as
 * is), the credential and VC-JWT columns on their own, and the database file itself (rows, indexes
 * and free pages: what D1's 10 GB per database counts), each divided by the certificates.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const WRANGLER = "node_modules/wrangler/bin/wrangler.js";

function d1(persistTo: string, sql: string): Record<string, unknown>[] {
  const r = spawnSync(
    process.execPath,
    [WRANGLER, "d1", "execute", "DB", "--local", "--persist-to", persistTo, "--json", "--command", sql],
    { encoding: "utf8", env: { ...process.env, CI: "true" }, maxBuffer: 64 * 2 ** 20 },
  );
  if (r.status !== 0) throw new Error(`wrangler d1 execute: ${r.stderr || r.stdout}`);
  const out = JSON.parse(r.stdout) as { results: Record<string, unknown>[] }[];
  return out.flatMap((o) => o.results);
}

function sqliteFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((e) => {
    const full = path.join(e.parentPath, e.name);
    return e.isFile() && /\.sqlite(-wal)?$/.test(e.name) && full.includes("D1DatabaseObject") ? [full] : [];
  });
}

export interface StorageReport {
  certificates: number;
  tables: { table: string; rows: number; bytes: number }[];
  credential: number;
  vcJwt: number;
  fileBytes: number;
}

/** Measures the database under `persistTo` (a wrangler --persist-to folder). */
export function measureStorage(persistTo: string): StorageReport {
  const columns = d1(
    persistTo,
    "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p " +
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' AND m.name NOT LIKE 'd1_%'",
  ) as { t: string; c: string }[];
  const byTable = new Map<string, string[]>();
  for (const { t, c } of columns) byTable.set(t, [...(byTable.get(t) ?? []), c]);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const sql = [...byTable]
    .map(
      ([t, cs]) =>
        `SELECT '${t}' AS t, count(*) AS n, coalesce(sum(${cs
          .map((c) => `coalesce(length(CAST(${q(c)} AS BLOB)), 0)`)
          .join(" + ")}), 0) AS b FROM ${q(t)}`,
    )
    .join("; ");
  const tables = (d1(persistTo, sql) as { t: string; n: number; b: number }[])
    .map((r) => ({ table: r.t, rows: r.n, bytes: r.b }))
    .filter((r) => r.rows > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const [cert] = d1(
    persistTo,
    "SELECT count(*) AS n, sum(length(CAST(credential AS BLOB))) AS c, sum(length(CAST(vc_jwt AS BLOB))) AS j FROM certificates",
  ) as { n: number; c: number; j: number }[];
  const fileBytes = sqliteFiles(persistTo).reduce((s, f) => s + fs.statSync(f).size, 0);
  return { certificates: cert!.n, tables, credential: cert!.c, vcJwt: cert!.j, fileBytes };
}

/** The table lines. */
export function storageTable(s: StorageReport): string[] {
  const per = (b: number) => {
    const x = b / s.certificates;
    return x < 10 ? x.toFixed(2) : Math.round(x).toLocaleString("en-US");
  };
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  return [
    `| what (${s.certificates.toLocaleString("en-US")} certificates) | rows | bytes per certificate | total |`,
    "|---|---|---|---|",
    `| certificates.credential (signed JSON-LD) | ${s.certificates} | ${per(s.credential)} | ${mb(s.credential)} |`,
    `| certificates.vc_jwt (VC-JWT) | ${s.certificates} | ${per(s.vcJwt)} | ${mb(s.vcJwt)} |`,
    ...s.tables.map((t) => `| table ${t.table} (all columns) | ${t.rows} | ${per(t.bytes)} | ${mb(t.bytes)} |`),
    `| database file (rows + indexes + free pages) | — | ${per(s.fileBytes)} | ${mb(s.fileBytes)} |`,
    `| certificates in one 10 GB D1 database at this rate | — | — | ${Math.floor(10e9 / (s.fileBytes / s.certificates)).toLocaleString("en-US")} |`,
  ];
}
