/** Read models for the staff console: dashboard, certificate search, one certificate's history. */
import { listAchievements, VC_API_ACHIEVEMENT } from "../adapters/storage/achievement-repository";
import { findCertificate } from "../adapters/storage/certificate-repository";
import { countsByAchievementAndStatus, recentBatches, searchAudit } from "../adapters/storage/console-repository";
import { unresolvedFailures } from "../adapters/storage/delivery-repository";
import type { AppDeps } from "./context";
import { certificateDeliveries } from "./deliveries";
import { describeCertificate } from "./issue-certificate";

/** Failed deliveries the dashboard lists (the count covers them all). */
const FAILED_SHOWN = 10;

/** Status counts per programme, recent uploads, failed deliveries and the signing keys. */
export async function dashboard(deps: AppDeps) {
  const [achievements, counts, batches, failed] = await Promise.all([
    listAchievements(deps.store),
    countsByAchievementAndStatus(deps.store),
    recentBatches(deps.store, 8),
    unresolvedFailures(deps.store, FAILED_SHOWN),
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
    failedDeliveries: {
      total: failed.total,
      rows: failed.rows.map((r) => ({
        id: r.id,
        certificateId: r.certificate_id,
        name: r.recipient_name,
        kind: r.kind,
        attempts: r.attempts,
        lastError: r.last_error,
        at: r.updated_at,
      })),
    },
    keys: deps.keys.map((k) => ({ kid: k.kid, status: k.status, notBefore: k.notBefore, notAfter: k.notAfter })),
  };
}

/** Rows per page of the Find page. */
export const PAGE_SIZE = 25;

/** A certificate with its links, its deliveries and every audit entry about it (and about the one it replaced or that replaced it). */
export async function certificateDetail(deps: AppDeps, id: string) {
  const row = await findCertificate(deps.store, id);
  if (!row) return undefined;
  const targets = [row.id, row.supersedes, row.superseded_by].filter((x): x is string => !!x);
  const [history, achievements, deliveries] = await Promise.all([
    searchAudit(deps.store, { targets, limit: 200 }),
    listAchievements(deps.store),
    certificateDeliveries(deps, row.id),
  ]);
  return {
    row,
    deliveries,
    // A VC-API credential is not a certificate: it has no PDF or picture.
    hasPicture: row.achievement_id !== VC_API_ACHIEVEMENT,
    links: describeCertificate(deps, row),
    achievement: achievements.find((a) => a.id === row.achievement_id),
    history,
  };
}
