/**
 * The nightly backup (Cron Trigger, 03:30 Seoul): every table of D1, encrypted (services/
 * backup-format.ts) into the R2 bucket outside the database, then retention: daily backups for 35
 * days, the first of each month for 13 months; then the retention purge of the database itself.
 */
import { purgeExpired, schemaObjects, tableChunk } from "../adapters/storage/backup-repository";
import { encodeFrame, BACKUP_MAGIC, type BackupRecord } from "./backup-format";
import type { AppDeps, BackupObject } from "./context";
import type { Alert } from "./scheduled";

const ROWS_PER_FRAME = 250;
const DAY = 86400_000;

/** Writes one backup; returns its object key and row counts. */
export async function writeBackup(
  deps: AppDeps,
): Promise<{ key: string; bytes: number; counts: Record<string, number> }> {
  if (!deps.backups) throw new Error("no backup storage bound (BACKUPS)");
  const key = await deps.backups.encryptionKey();
  const now = deps.clock();
  const schema = await schemaObjects(deps.store);
  const frames: Uint8Array[] = [new TextEncoder().encode(BACKUP_MAGIC)];
  const header: BackupRecord = {
    format: "wego-d1-backup",
    version: 1,
    createdAt: now.toISOString(),
    issuerDid: deps.config.issuerDid,
    schema,
  };
  frames.push(await encodeFrame(key, 0, [header]));
  const counts: Record<string, number> = {};
  for (const table of schema.filter((s) => s.type === "table").map((s) => s.name)) {
    counts[table] = 0;
    for (let after = 0; ;) {
      const chunk = await tableChunk(deps.store, table, after, ROWS_PER_FRAME);
      if (!chunk.rows.length) break;
      frames.push(await encodeFrame(key, frames.length - 1, [{ table, columns: chunk.columns, rows: chunk.rows }]));
      counts[table] += chunk.rows.length;
      after = chunk.lastRowid;
    }
  }
  frames.push(await encodeFrame(key, frames.length - 1, [{ end: true, counts }]));
  const file = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  frames.reduce((at, f) => (file.set(f, at), at + f.length), 0);
  const objectKey = `d1/${now.toISOString().replace(/[:.]/g, "-")}.wegobk`;
  await deps.backups.put(objectKey, file);
  return { key: objectKey, bytes: file.length, counts };
}

/** Backups past retention: older than 35 days, except the first of a month up to 13 months. */
export function expiredBackups(objects: BackupObject[], now: Date): string[] {
  return objects
    .filter((o) => {
      const age = now.getTime() - o.uploaded.getTime();
      if (age <= 35 * DAY) return false;
      return !(o.uploaded.getUTCDate() === 1 && age <= 400 * DAY);
    })
    .map((o) => o.key);
}

/** The nightly job: backup, prune old backups, purge expired data; alerts on failure. */
export async function nightlyBackup(deps: AppDeps, alert: Alert): Promise<void> {
  try {
    const done = await writeBackup(deps);
    const old = expiredBackups(await deps.backups!.list("d1/"), deps.clock());
    if (old.length) await deps.backups!.delete(old);
    const purged = await purgeExpired(deps.store, deps.clock());
    console.log(
      JSON.stringify({
        level: "info",
        event: "backup",
        key: done.key,
        bytes: done.bytes,
        counts: done.counts,
        pruned: old.length,
        purged,
      }),
    );
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    await alert({
      kind: "problem",
      summary: `WeGO certificates (${deps.config.baseUrl}): the nightly backup failed: ${detail}`,
      issuer: deps.config.issuerDid,
      version: deps.version ?? null,
      problems: { backup: { state: "failing", detail } },
    });
  }
}
