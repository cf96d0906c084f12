/** Catalogue editing: usage counts, guarded updates, and a programme's achievements added at once. */
import { sql } from "kysely";
import type { AchievementRecord } from "../../domain/types";
import { unavailableOnError, type Store } from "./database";

/** Certificates issued per achievement id (achievements without any are absent). */
export async function achievementUsage(store: Store): Promise<Map<string, number>> {
  const rows = await unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select(["achievement_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("achievement_id")
      .execute(),
  );
  return new Map(rows.map((r) => [r.achievement_id, Number(r.n)]));
}

/** How many certificates name this achievement (an index range count). */
export async function certificatesOfAchievement(store: Store, id: string): Promise<number> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("certificates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("achievement_id", "=", id)
      .executeTakeFirstOrThrow(),
  );
  return Number(row.n);
}

/**
 * UPDATE of an achievement's fields, applied only while no certificate names it: the check and
 * the write are one statement, so a certificate issued meanwhile makes it change nothing.
 */
export function achievementUpdateIfUnused(store: Store, a: AchievementRecord) {
  const { id, ...fields } = a;
  return store.db
    .updateTable("achievements")
    .set({ ...fields, themes: JSON.stringify(a.themes) })
    .where("id", "=", id)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("certificates")
            .select(sql`1`.as("one"))
            .where("achievement_id", "=", id),
        ),
      ),
    );
}

/** INSERT of a new achievement (a D1 batch statement; a taken id fails the whole batch). */
export function achievementInsert(store: Store, a: AchievementRecord, createdAt: string) {
  return store.db.insertInto("achievements").values({ ...a, themes: JSON.stringify(a.themes), created_at: createdAt });
}
