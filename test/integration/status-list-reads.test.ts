/**
 * Issue 15: a warm request for an unchanged status list reads one row (the list's change version)
 * and serves the signed list this isolate holds; a change made anywhere (here: through another
 * isolate's store) moves the version, so the very next request serves the new bits; the held copy
 * is read again from storage after {@link LIST_MEMO_TTL_MS}.
 */
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { createDeps } from "../../src/index";
import { LIST_MEMO_TTL_MS } from "../../src/services/status-list-credential";
import { BASE, issue, postJson } from "../support/api";
import { workerEnv } from "../support/deps";
import { recordingD1 } from "../support/recording-d1";

/** The status bit at `index` of a served list (Bitstring Status List §3.2, independent of our decoder). */
function bitAt(list: { credentialSubject: { encodedList: string } }, index: number): number {
  const bytes = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), "base64url"));
  return (bytes[index >> 3]! >> (7 - (index & 7))) & 1;
}

describe("serving a status list (issue 15)", () => {
  it("reads only the list's version while it is unchanged, and serves a change made elsewhere on the next request", async () => {
    const { id, credential } = await issue("Status Reads", "champions-2023-online");
    const entry = [credential.credentialStatus].flat()[0] as { statusListCredential: string; statusListIndex: string };
    const path = new URL(entry.statusListCredential).pathname;
    const index = Number(entry.statusListIndex);

    const seen: string[] = [];
    let now = Date.now();
    // A new store: what a new isolate starts with (the held lists are per store).
    const deps = await createDeps({ ...workerEnv, DB: recordingD1(workerEnv.DB, seen) });
    const app = createApp({ ...deps, clock: () => new Date(now) });
    const get = async () => {
      const res = await app.request(`${BASE}${path}`);
      expect(res.status).toBe(200);
      return { etag: res.headers.get("ETag"), list: await res.json<{ credentialSubject: { encodedList: string } }>() };
    };
    const reads = () => ({
      version: seen.filter((sql) => /from "status_lists"/i.test(sql)).length,
      stored: seen.filter((sql) => /from "status_list_cache"/i.test(sql)).length,
      certificates: seen.filter((sql) => /from "certificates"/i.test(sql)).length,
    });

    const first = await get();
    expect(bitAt(first.list, index)).toBe(0);

    seen.length = 0;
    const warm = await get();
    expect(warm.etag).toBe(first.etag);
    expect(warm.list).toEqual(first.list);
    expect(reads()).toEqual({ version: 1, stored: 0, certificates: 0 });
    expect(seen).toHaveLength(1);

    // Revoked through the Worker's own store: another isolate, as far as this app's memory goes.
    expect((await postJson(`/admin/certificates/${id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
    seen.length = 0;
    const changed = await get();
    expect(changed.etag).not.toBe(first.etag);
    expect(bitAt(changed.list, index)).toBe(1);
    expect(reads().version).toBe(1);

    // Unchanged again: one read; past the bound, the stored copy is read again (and nothing rebuilt).
    seen.length = 0;
    expect((await get()).etag).toBe(changed.etag);
    expect(reads()).toEqual({ version: 1, stored: 0, certificates: 0 });
    now += LIST_MEMO_TTL_MS;
    seen.length = 0;
    const later = await get();
    expect(later.etag).toBe(changed.etag);
    expect(bitAt(later.list, index)).toBe(1);
    expect(reads()).toEqual({ version: 1, stored: 1, certificates: 0 });
  });
});
