/** Catalogue storage. */
import type { AchievementRecord } from "../../domain/types";
import { unavailableOnError, type AchievementTable, type Store } from "./database";

function toRecord(row: AchievementTable): AchievementRecord {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    criteria: row.criteria,
    city: row.city,
    date: row.date,
    themes: JSON.parse(row.themes) as string[],
    venue: row.venue,
  };
}

/** One achievement by id, or undefined. */
export async function findAchievement(store: Store, id: string): Promise<AchievementRecord | undefined> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("achievements")
      .selectAll()
      .where("id", "=", id)
      .where("id", "!=", VC_API_ACHIEVEMENT)
      .executeTakeFirst(),
  );
  return row && toRecord(row);
}

/**
 * The reserved row (migration 0012) that credentials issued through the VC-API, which are not
 * certificates of the catalogue, reference: never listed, never found, never issued against.
 */
export const VC_API_ACHIEVEMENT = "_vc-api";

/** The whole catalogue, in creation order. */
export async function listAchievements(store: Store): Promise<AchievementRecord[]> {
  const rows = await unavailableOnError(() =>
    store.db
      .selectFrom("achievements")
      .selectAll()
      .where("id", "!=", VC_API_ACHIEVEMENT)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  );
  return rows.map(toRecord);
}

/** Adds an achievement; false if the id is taken. */
export async function insertAchievement(store: Store, a: AchievementRecord, now: Date): Promise<boolean> {
  const res = await unavailableOnError(() =>
    store.db
      .insertInto("achievements")
      .values({ ...a, themes: JSON.stringify(a.themes), created_at: now.toISOString() })
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst(),
  );
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}
