/**
 * The certificate page's view in an isolate that has never seen the certificate (issue 15): one D1
 * read, whose row is both the record the credential is compared with and the status of its own
 * slot, so the status check itself is as fresh as the row (not only the verdict's override).
 */
import { expect, it } from "vitest";
import { createStore } from "../../src/adapters/storage/database";
import { issue } from "../support/api";
import { client, failingD1, testDeps, workerEnv } from "../support/deps";

const HTML = { accept: "text/html" };
const verdictOf = (page: string) => /data-verdict="([a-z-]+)"/.exec(page)?.[1];
const statusCheck = (page: string) => /data-check="status" data-status="([a-z-]+)"/.exec(page)?.[1];

it("a first view reads D1 once and verifies", async () => {
  const { id } = await issue("One Read Person");
  const queries: string[] = [];
  const recording = createStore(failingD1(workerEnv.DB, (sql) => (queries.push(sql), false)));
  const res = await client(await testDeps({ store: recording })).get(`/c/${id}`, HTML);
  const page = await res.text();
  expect([res.status, verdictOf(page), statusCheck(page)]).toEqual([200, "valid", "passed"]);
  expect(queries).toHaveLength(1);
  expect(queries[0]).toMatch(/from "certificates" where "id" = \?/);
});

it("another isolate's revocation fails the status check at once, while this isolate's status cache holds the slot", async () => {
  const { id, credential } = await issue("Fresh Slot Person");
  const writer = client(await testDeps({ store: createStore(workerEnv.DB) }));
  const reader = client(await testDeps({ store: createStore(workerEnv.DB) }));
  // The reader's status cache now holds the slot as active (60 s bound, services/status-cache.ts).
  const verified = await reader.post("/credentials/verify", { verifiableCredential: credential });
  expect((await verified.json<{ verdict: string }>()).verdict).toBe("valid");
  expect((await writer.post(`/admin/certificates/${id}/revoke`, { reason: "withdrawn" })).status).toBe(200);
  const page = await (await reader.get(`/c/${id}`, HTML)).text();
  expect([verdictOf(page), statusCheck(page)]).toEqual(["revoked", "failed"]);
  // The JSON verification of the same isolate may still answer from its cache within the bound.
  const again = await reader.post("/credentials/verify", { verifiableCredential: credential });
  expect((await again.json<{ verdict: string }>()).verdict).toBe("valid");
});
