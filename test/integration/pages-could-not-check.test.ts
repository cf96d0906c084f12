/** The page never shows Valid when the status cannot be read: 503, Retry-After, "could not check". */
import { expect, it } from "vitest";
import { createStore } from "../../src/adapters/storage/database";
import { issue } from "../support/api";
import { client, failingD1, testDeps, workerEnv } from "../support/deps";

it("a status read failure gives the could-not-check page with 503", async () => {
  const { id } = await issue("Status Outage");
  const deps = await testDeps({
    store: createStore(failingD1(workerEnv.DB, (sql) => /status_index/.test(sql) && /select/i.test(sql))),
  });
  const res = await client(deps).get(`/c/${id}`, { accept: "text/html" });
  expect(res.status).toBe(503);
  expect(res.headers.get("retry-after")).toBeTruthy();
  const html = await res.text();
  expect(html).toMatch(/could not check/i);
  // The banner never says Valid (the "Valid" field label of the validity period may appear).
  const validBanner = /id="verdict-title"><span class="icon" aria-hidden="true">✓<\/span>Valid</;
  expect(html).not.toMatch(validBanner);
  // Control: with the database healthy, the same page shows the Valid banner.
  const healthy = await client(await testDeps()).get(`/c/${id}`, { accept: "text/html" });
  expect([healthy.status, validBanner.test(await healthy.text())]).toEqual([200, true]);
});

it("a database outage on the certificate itself is 503, not 404", async () => {
  const { id } = await issue("Db Outage");
  const deps = await testDeps({ store: createStore(failingD1(workerEnv.DB, () => true)) });
  for (const accept of ["text/html", "application/json"]) {
    const res = await client(deps).get(`/c/${id}`, { accept });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
  }
});
