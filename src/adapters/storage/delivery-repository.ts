/** Delivery records: one per message the service means to send, and what became of it. */
import { unavailableOnError, type DeliveryTable, type Store } from "./database";

export type DeliveryRow = DeliveryTable;

/** INSERT that does nothing when the dedupe key is taken (the same message was already requested). */
export function deliveryInsertIgnore(store: Store, row: DeliveryRow) {
  return store.db
    .insertInto("deliveries")
    .values(row)
    .onConflict((oc) => oc.column("dedupe_key").doNothing());
}

/** The deliveries holding these dedupe keys (read in slices: D1 binds at most 100 parameters). */
export async function deliveriesByDedupeKey(store: Store, keys: string[]): Promise<DeliveryRow[]> {
  const out: DeliveryRow[] = [];
  for (let i = 0; i < keys.length; i += 90) {
    const slice = keys.slice(i, i + 90);
    out.push(
      ...(await unavailableOnError(() =>
        store.db.selectFrom("deliveries").selectAll().where("dedupe_key", "in", slice).execute(),
      )),
    );
  }
  return out;
}

/** One delivery, or undefined. */
export async function findDelivery(store: Store, id: string): Promise<DeliveryRow | undefined> {
  return unavailableOnError(() =>
    store.db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst(),
  );
}

/** A certificate's deliveries, oldest first. */
export async function deliveriesOfCertificate(store: Store, certificateId: string): Promise<DeliveryRow[]> {
  return unavailableOnError(() =>
    store.db
      .selectFrom("deliveries")
      .selectAll()
      .where("certificate_id", "=", certificateId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  );
}

/**
 * Takes a queued delivery for one send attempt: counts the attempt and holds the row until
 * `leaseUntil`, unless it is settled or another consumer holds it. True if this caller got it.
 */
export async function claimDelivery(store: Store, id: string, now: string, leaseUntil: string): Promise<boolean> {
  const res = await unavailableOnError(() =>
    store.db
      .updateTable("deliveries")
      .set((eb) => ({ attempts: eb("attempts", "+", 1), lease_until: leaseUntil, updated_at: now }))
      .where("id", "=", id)
      .where("status", "=", "queued")
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .executeTakeFirst(),
  );
  return Number(res.numUpdatedRows) === 1;
}

/** Records a successful send. */
export async function markDeliverySent(store: Store, id: string, now: string): Promise<void> {
  await unavailableOnError(() =>
    store.db
      .updateTable("deliveries")
      .set({
        status: "sent",
        sent_at: now,
        updated_at: now,
        lease_until: null,
        last_error: null,
      })
      .where("id", "=", id)
      .execute(),
  );
}

/** Records a failed attempt: `final` settles the delivery as failed, otherwise it stays queued. */
export async function markDeliveryAttemptFailed(
  store: Store,
  id: string,
  error: string,
  final: boolean,
  now: string,
): Promise<void> {
  await unavailableOnError(() =>
    store.db
      .updateTable("deliveries")
      .set({
        status: final ? "failed" : "queued",
        last_error: error.slice(0, 500),
        updated_at: now,
        lease_until: null,
      })
      .where("id", "=", id)
      .where("status", "=", "queued")
      .execute(),
  );
}

/** Lookup messages requested for this blind index since `since` (the per-address allowance). */
export async function recentLookups(store: Store, emailIndex: string, since: string): Promise<number> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("deliveries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("email_index", "=", emailIndex)
      .where("kind", "=", "lookup")
      .where("created_at", ">", since)
      .executeTakeFirst(),
  );
  return Number(row?.n ?? 0);
}

/** A failed delivery with the name on its certificate (none for a lookup message). */
export type FailedDeliveryRow = DeliveryRow & { recipient_name: string | null };

/**
 * Failed deliveries still needing attention, newest first, and how many there are: a failure is
 * left out once a later message for the same certificate was sent (say, staff resent it).
 */
export async function unresolvedFailures(
  store: Store,
  limit: number,
): Promise<{ total: number; rows: FailedDeliveryRow[] }> {
  const base = () =>
    store.db
      .selectFrom("deliveries as d")
      .where("d.status", "=", "failed")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("deliveries as later")
              .select("later.id")
              .whereRef("later.certificate_id", "=", "d.certificate_id")
              .where("later.status", "=", "sent")
              .whereRef("later.created_at", ">", "d.created_at"),
          ),
        ),
      );
  return unavailableOnError(async () => {
    const [count, rows] = await Promise.all([
      base()
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst(),
      base()
        .leftJoin("certificates as c", "c.id", "d.certificate_id")
        .selectAll("d")
        .select("c.recipient_name")
        .orderBy("d.updated_at", "desc")
        .orderBy("d.id")
        .limit(limit)
        .execute(),
    ]);
    return { total: Number(count?.n ?? 0), rows };
  });
}
