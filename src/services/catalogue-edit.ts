/**
 * Editing the catalogue: adding a programme year at once, and changing an achievement only while
 * no certificate has signed it. Every field of an achievement (name, description, criteria,
 * themes, city, venue, date, kind) is inside the signed credentials issued for it, so once one
 * exists, a change would make the catalogue say something the certificates do not: refused with
 * 409 ERR_ACHIEVEMENT_IN_USE (add a new achievement instead).
 */
import { auditInsert, auditInsertIfChanged } from "../adapters/storage/audit-repository";
import { findAchievement, listAchievements } from "../adapters/storage/achievement-repository";
import {
  achievementInsert,
  achievementUpdateIfUnused,
  achievementUsage,
  certificatesOfAchievement,
} from "../adapters/storage/catalogue-edit-repository";
import { runBatch } from "../adapters/storage/database";
import { programmeAchievements, type ProgrammeRequest } from "../domain/programme";
import type { AchievementRecord } from "../domain/types";
import type { CreateAchievementRequest } from "../lib/request-types.generated";
import { AppError } from "../errors";
import type { AppDeps } from "./context";
import type { RequestActor } from "./issue-certificate";

/** An achievement with how many certificates were issued for it. */
export type CatalogueEntry = AchievementRecord & { certificates: number; editable: boolean };

const ID = /^[a-z0-9-]{1,64}$/;
const FIELDS = ["kind", "name", "description", "criteria", "city", "date", "themes", "venue"] as const;

/** The whole catalogue with usage, in creation order. */
export async function catalogueWithUsage(deps: AppDeps): Promise<CatalogueEntry[]> {
  const [all, usage] = await Promise.all([listAchievements(deps.store), achievementUsage(deps.store)]);
  return all.map((a) => ({ ...a, certificates: usage.get(a.id) ?? 0, editable: !usage.get(a.id) }));
}

/** A request's record with absent optional fields as null; a workshop needs its city and date. */
export function achievementRecord(body: CreateAchievementRequest | AchievementRecord): AchievementRecord {
  const record: AchievementRecord = {
    id: body.id,
    kind: body.kind,
    name: body.name,
    description: body.description,
    criteria: body.criteria,
    city: body.city ?? null,
    date: body.date ?? null,
    themes: body.themes,
    venue: body.venue ?? null,
  };
  if (record.kind === "workshop" && (!record.city || !record.date))
    throw new AppError("ERR_VALIDATION", "city and date: required for a workshop", {
      field: record.city ? "date" : "city",
    });
  return record;
}

/** Fields whose values differ between two records. */
export function changedFields(a: AchievementRecord, b: AchievementRecord): string[] {
  return FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

const inUse = (id: string, n: number, changed: string[]) =>
  new AppError(
    "ERR_ACHIEVEMENT_IN_USE",
    `${changed.join(", ")}: achievement "${id}" is in the signed credentials of ${n} certificate${n === 1 ? "" : "s"}, ` +
      "so its fields can no longer change (the catalogue would then contradict them). Add a new achievement instead.",
    { field: changed[0] },
  );

/**
 * Replaces an achievement's fields. Unchanged: a no-op. Changed while unused: updated and audited.
 * Changed while certificates name it: 409 ERR_ACHIEVEMENT_IN_USE, nothing written.
 */
export async function updateAchievement(
  deps: AppDeps,
  id: string,
  next: CreateAchievementRequest,
  who: RequestActor,
): Promise<{ achievement: AchievementRecord; changed: string[] }> {
  const before = await findAchievement(deps.store, id);
  if (!before) throw new AppError("ERR_NOT_FOUND", `No achievement "${id}"`);
  if (next.id !== id)
    throw new AppError("ERR_VALIDATION", "id: must equal the id in the path (ids never change)", { field: "id" });
  const record = achievementRecord(next);
  const changed = changedFields(before, record);
  if (!changed.length) return { achievement: before, changed };
  const used = await certificatesOfAchievement(deps.store, id);
  if (used > 0) throw inUse(id, used, changed);
  const [res] = await runBatch(deps.store, [
    achievementUpdateIfUnused(deps.store, record),
    auditInsertIfChanged(deps.store, {
      ...who,
      action: "achievement.update",
      target: id,
      at: deps.clock().toISOString(),
      before,
      after: record,
    }),
  ]);
  // A certificate issued between the check and the write: the guarded UPDATE changed nothing.
  if ((res?.meta.changes ?? 0) !== 1) throw inUse(id, await certificatesOfAchievement(deps.store, id), changed);
  return { achievement: record, changed };
}

/** Adds a programme year's achievements in one atomic write; 409 if any id exists. */
export async function createProgramme(
  deps: AppDeps,
  req: ProgrammeRequest,
  who: RequestActor,
): Promise<AchievementRecord[]> {
  const records = programmeAchievements(req);
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const field = r.kind === "online" ? "online" : `workshops.${i - (req.online ? 1 : 0)}.slug`;
    if (!ID.test(r.id) || r.id.endsWith("-"))
      throw new AppError(
        "ERR_VALIDATION",
        `${field}: "${r.id}" is not a valid id; give the workshop a slug (a-z, 0-9, -)`,
        { field },
      );
    if (seen.has(r.id))
      throw new AppError("ERR_VALIDATION", `${field}: "${r.id}" appears twice; give one workshop another slug`, {
        field,
      });
    seen.add(r.id);
  });
  const existing = new Set((await listAchievements(deps.store)).map((a) => a.id));
  const taken = records.filter((r) => existing.has(r.id)).map((r) => r.id);
  if (taken.length)
    throw new AppError("ERR_CONFLICT", `id: ${taken.join(", ")} already exist${taken.length === 1 ? "s" : ""}`, {
      field: "id",
    });
  const now = deps.clock().getTime();
  await runBatch(deps.store, [
    // Creation times one millisecond apart keep the programme's order in the catalogue.
    ...records.map((r, i) => achievementInsert(deps.store, r, new Date(now + i).toISOString())),
    auditInsert(deps.store, {
      ...who,
      action: "programme.create",
      target: req.id,
      at: new Date(now).toISOString(),
      after: { achievements: records.map((r) => r.id) },
    }),
  ]);
  return records;
}
