/** Completion sources (learning platforms), their course mappings and keys (migration 0008). */
import {
  unavailableOnError,
  type CompletionSourceTable,
  type SourceCourseTable,
  type SourceKeyTable,
  type Store,
} from "./database";

export type SourceRow = CompletionSourceTable;
export type SourceKeyRow = SourceKeyTable;
export type SourceCourseRow = SourceCourseTable;

/** One source by id. */
export async function findSource(store: Store, id: string): Promise<SourceRow | undefined> {
  return unavailableOnError(() =>
    store.db.selectFrom("completion_sources").selectAll().where("id", "=", id).executeTakeFirst(),
  );
}

/** All sources in creation order. */
export async function listSources(store: Store): Promise<SourceRow[]> {
  return unavailableOnError(() =>
    store.db.selectFrom("completion_sources").selectAll().orderBy("created_at").orderBy("id").execute(),
  );
}

/** INSERT of a source (a taken id fails the batch on the PRIMARY KEY). */
export function sourceInsert(store: Store, row: SourceRow) {
  return store.db.insertInto("completion_sources").values(row);
}

/** UPDATE of a source's settings. */
export function sourceUpdate(
  store: Store,
  id: string,
  set: Partial<
    Pick<SourceRow, "name" | "fields" | "default_language" | "replay_window_seconds" | "enabled" | "notify">
  >,
  at: string,
) {
  return store.db
    .updateTable("completion_sources")
    .set({ ...set, updated_at: at })
    .where("id", "=", id);
}

/** Course mappings of some sources (all when `sourceIds` is undefined). */
export async function listCourses(store: Store, sourceIds?: string[]): Promise<SourceCourseRow[]> {
  return unavailableOnError(() => {
    let q = store.db.selectFrom("source_courses").selectAll().orderBy("source_id").orderBy("course");
    if (sourceIds) q = q.where("source_id", "in", sourceIds.length ? sourceIds : [""]);
    return q.execute();
  });
}

/** The achievement a course of a source maps to. */
export async function findCourse(store: Store, sourceId: string, course: string): Promise<string | undefined> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("source_courses")
      .select("achievement_id")
      .where("source_id", "=", sourceId)
      .where("course", "=", course)
      .executeTakeFirst(),
  );
  return row?.achievement_id;
}

/** Statements replacing a source's course mapping with `courses`. */
export function replaceCourses(store: Store, sourceId: string, courses: Record<string, string>) {
  return [
    store.db.deleteFrom("source_courses").where("source_id", "=", sourceId),
    ...Object.entries(courses).map(([course, achievementId]) =>
      store.db.insertInto("source_courses").values({ source_id: sourceId, course, achievement_id: achievementId }),
    ),
  ];
}

/** Keys of a source for one purpose that are still valid at `at` (newest first). */
export async function liveKeys(
  store: Store,
  sourceId: string,
  purpose: SourceKeyRow["purpose"],
  at: string,
): Promise<SourceKeyRow[]> {
  return unavailableOnError(() =>
    store.db
      .selectFrom("source_keys")
      .selectAll()
      .where("source_id", "=", sourceId)
      .where("purpose", "=", purpose)
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", at)]))
      .orderBy("created_at", "desc")
      .execute(),
  );
}

/** Every key of some sources, without material (for listings). */
export async function listKeyInfo(store: Store, sourceIds: string[]) {
  return unavailableOnError(() =>
    store.db
      .selectFrom("source_keys")
      .select(["id", "source_id", "purpose", "kind", "created_at", "expires_at"])
      .where("source_id", "in", sourceIds.length ? sourceIds : [""])
      .orderBy("created_at", "desc")
      .execute(),
  );
}

/** INSERT of a key. */
export function keyInsert(store: Store, row: SourceKeyRow) {
  return store.db.insertInto("source_keys").values(row);
}

/** Retires a source's other live keys of one purpose at `expiresAt` (rotation grace). */
export function retireKeys(
  store: Store,
  sourceId: string,
  purpose: SourceKeyRow["purpose"],
  keepId: string,
  now: string,
  expiresAt: string,
) {
  return store.db
    .updateTable("source_keys")
    .set({ expires_at: expiresAt })
    .where("source_id", "=", sourceId)
    .where("purpose", "=", purpose)
    .where("id", "!=", keepId)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", expiresAt)]))
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]));
}
