/** Read models for the staff console: dashboard, certificate search, one certificate's history. */
import { listAchievements } from "../adapters/storage/achievement-repository";
import { findCertificate } from "../adapters/storage/certificate-repository";
import { countsByAchievementAndStatus, recentBatches, searchAudit } from "../adapters/storage/console-repository";
import type { AppDeps } from "./context";
import { describeCertificate } from "./issue-certificate";

/** Status counts per programme, recent uploads and the signing keys. */
export async function dashboard(deps: AppDeps) {
  const [achievements, counts, batches] = await Promise.all([
    listAchievements(deps.store),
    countsByAchievementAndStatus(deps.store),
    recentBatches(deps.store, 8),
  ]);
  const byAchievement = new Map<string, { active: number; suspended: number; revoked: number }>();
  for (const r of counts) {
    const entry = byAchievement.get(r.achievement_id) ?? { active: 0, suspended: 0, revoked: 0 };
    entry[r.status] += Number(r.n);
    byAchievement.set(r.achievement_id, entry);
  }
  return {
    programmes: achievements
      .filter((a) => byAchievement.has(a.id))
      .map((a) => ({ id: a.id, name: a.name, ...byAchievement.get(a.id)! })),
    batches,
    keys: deps.keys.map((k) => ({ kid: k.kid, status: k.status, notBefore: k.notBefore, notAfter: k.notAfter })),
  };
}

/** Rows per page of the Find page. */
export const PAGE_SIZE = 25;

/** A certificate with its links and every audit entry about it (and about the one it replaced or that replaced it). */
export async function certificateDetail(deps: AppDeps, id: string) {
  const row = await findCertificate(deps.store, id);
  if (!row) return undefined;
  const targets = [row.id, row.supersedes, row.superseded_by].filter((x): x is string => !!x);
  const [history, achievements] = await Promise.all([
    searchAudit(deps.store, { targets, limit: 200 }),
    listAchievements(deps.store),
  ]);
  return {
    row,
    links: describeCertificate(deps, row),
    achievement: achievements.find((a) => a.id === row.achievement_id),
    history,
  };
}
