/** Operations data: values the service pins in its own database (migration 0009), facts for the self-check. */
import { unavailableOnError, type Store } from "./database";

/** Setting names (migration 0009). */
export type SettingKey = "issuer_did" | "signing_kid" | "signing_fenced_at" | "alert_state";

/** One setting, or undefined when never set. */
export async function getSetting(store: Store, key: SettingKey): Promise<string | undefined> {
  const row = await unavailableOnError(() =>
    store.db.selectFrom("service_settings").select("value").where("key", "=", key).executeTakeFirst(),
  );
  return row?.value;
}

/** Sets (or, with null, removes) a setting the service owns outright (not the pins or the fence). */
export async function putSetting(store: Store, key: "alert_state", value: string | null, now: string): Promise<void> {
  await unavailableOnError<unknown>(() =>
    value === null
      ? store.db.deleteFrom("service_settings").where("key", "=", key).execute()
      : store.db
          .insertInto("service_settings")
          .values({ key, value, updated_at: now })
          .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: now }))
          .execute(),
  );
}

/**
 * Records `did` as the issuer DID unless one is recorded already; returns the recorded one
 * (the first writer wins, so two first issuances cannot pin two DIDs).
 */
export async function pinIssuerDid(store: Store, did: string, now: string): Promise<string> {
  await unavailableOnError(() =>
    store.db
      .insertInto("service_settings")
      .values({ key: "issuer_did", value: did, updated_at: now })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute(),
  );
  return (await getSetting(store, "issuer_did")) ?? did;
}

/**
 * Starts a key rotation: from now on only `kid` may store certificates or status lists (the
 * triggers of migration 0009). Returns the fence time as the database clock wrote it: the old
 * key's notAfter. `npm run deploy` runs the same statement through `wrangler d1 execute`.
 */
export async function fenceSigning(store: Store, kid: string): Promise<string> {
  await unavailableOnError(() => store.d1.batch(fenceStatements(kid).map((s) => store.d1.prepare(s))));
  return (await getSetting(store, "signing_fenced_at"))!;
}

/** The SQL of a fence (kid is a base64url thumbprint: checked here, so it can be inlined). */
export function fenceStatements(kid: string): string[] {
  if (!/^[A-Za-z0-9_-]{43}$/.test(kid)) throw new Error(`not a key id: ${kid}`);
  const now = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
  return [
    `INSERT INTO service_settings (key, value, updated_at) VALUES ('signing_kid', '${kid}', ${now}) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    `INSERT INTO service_settings (key, value, updated_at) VALUES ('signing_fenced_at', ${now}, ${now}) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ];
}

/** Key ids that signed at least one stored certificate (a deployed key set must publish them all). */
export async function signingKeyIds(store: Store): Promise<string[]> {
  const rows = await unavailableOnError(() =>
    store.db.selectFrom("certificates").select("key_id").distinct().execute(),
  );
  return rows.map((r) => r.key_id);
}

/** Numbers of the status lists in use (each has an r<N> and an s<N> list). */
export async function statusListNumbers(store: Store): Promise<number[]> {
  const rows = await unavailableOnError(() =>
    store.db.selectFrom("certificates").select("status_list").distinct().where("status_list", "is not", null).execute(),
  );
  return rows.map((r) => r.status_list!).sort((a, b) => a - b);
}

/** The signed status lists on record and until when each is valid. */
export async function signedListExpiries(store: Store): Promise<{ list_id: string; valid_until: string }[]> {
  return unavailableOnError(() =>
    store.db.selectFrom("status_list_cache").select(["list_id", "valid_until"]).execute(),
  );
}
