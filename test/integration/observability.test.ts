/**
 * Observability: one JSON log line per request with no personal data, and the scheduled
 * self-check that alerts when the signing key is gone or a status list is near expiry.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { scheduled } from "../../src/index";
import { AppError } from "../../src/errors";
import { hourlyCheck, type AlertReport } from "../../src/services/scheduled";
import { ADMIN, call, issue, postJson, verify } from "../support/api";
import { testDeps, workerEnv } from "../support/deps";

afterEach(() => vi.restoreAllMocks());

function captureLogs(): string[] {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
  return lines;
}

describe("request logs", () => {
  it("one JSON line per request with ids, route, status and duration, and no name, email or token", async () => {
    const lines = captureLogs();
    const name = "Zanele Privacy-Probe";
    const email = "zanele.probe@example.org";
    const a = await issue(name, "champions-2023-online", {});
    const batch = await call("/admin/batches", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({
        rows: [
          {
            name: "Batch Probe-Person",
            email: "batch.probe@example.org",
            achievementId: "champions-2023-online",
            externalId: "obs-1",
          },
        ],
      }),
    });
    expect(batch.status).toBe(202);
    expect((await verify(a.credential)).body.verified).toBe(true);
    expect(
      (await call(`/c/${a.id}`, { headers: { accept: "text/html", "cf-ray": "8f1e2d3c4b5a6978-ICN" } })).status,
    ).toBe(200);
    expect(
      (await postJson("/admin/certificates", { recipient: { name, email: "not-an-email" }, achievementId: "x" }))
        .status,
    ).toBe(400);
    expect(
      (
        await call("/admin/certificates/AAAAAAAAAAAAAAAAAAAAAA/revoke", {
          method: "POST",
          headers: { authorization: "Bearer wrong-token-value" },
        })
      ).status,
    ).toBe(401);

    const requests = lines.filter((l) => l.includes('"event":"request"')).map((l) => JSON.parse(l));
    expect(requests.map((r) => [r.method, r.route, r.status])).toEqual([
      ["POST", "/admin/certificates", 201],
      ["POST", "/admin/batches", 202],
      ["POST", "/credentials/verify", 200],
      ["GET", "/c/:file", 200],
      ["POST", "/admin/certificates", 400],
      ["POST", "/admin/certificates/:id/revoke", 401],
    ]);
    for (const r of requests) {
      expect(r.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof r.durationMs).toBe("number");
      expect(Object.keys(r).sort()).toEqual([
        "actor",
        "durationMs",
        "event",
        "level",
        "method",
        "ray",
        "requestId",
        "route",
        "status",
        "version",
      ]);
    }
    expect(requests[0].actor).toBe("bootstrap");
    expect(requests[3].ray).toBe("8f1e2d3c4b5a6978-ICN");
    const all = lines.join("\n");
    for (const secret of [
      name,
      "Zanele",
      email,
      "Batch Probe",
      "batch.probe",
      "not-an-email",
      ADMIN,
      "wrong-token-value",
      a.id,
    ])
      expect(all).not.toContain(secret);
  });
});

describe("scheduled self-check", () => {
  const noSigner = () => Promise.reject(new AppError("ERR_CONFIG", "ISSUER_PRIVATE_KEY is not set"));

  it("alerts when the signing secret is removed, and when a status list is near expiry and cannot be re-signed", async () => {
    const a = await issue("List Probe");
    const listUrl = (a.credential.credentialStatus as { statusListCredential: string }[])[0]!.statusListCredential;
    expect((await call(new URL(listUrl).pathname)).status).toBe(200);
    const soon = new Date(Date.now() + 2 * 3600_000).toISOString();
    await workerEnv.DB.prepare("UPDATE status_list_cache SET valid_until = ?").bind(soon).run();

    const alerts: AlertReport[] = [];
    const report = await hourlyCheck(await testDeps({ signer: noSigner }), async (r) => void alerts.push(r));
    expect(alerts).toHaveLength(1);
    expect(report!.problems).toMatchObject({
      signer: { state: "misconfigured" },
      statusLists: { state: "failing" },
      statusListRefresh: { state: "failing" },
    });
    expect(report!.summary).toContain("signer misconfigured");

    // With the key back, the hourly run re-signs the list ahead of time: only the test key's age
    // (it dates from 2020) is left to report.
    const quiet = await hourlyCheck(await testDeps(), async () => {});
    expect(Object.keys(quiet!.problems)).toEqual(["keyAge"]);
    expect(quiet!.problems.keyAge!.state).toBe("warning");
    const validUntil = await workerEnv.DB.prepare("SELECT min(valid_until) AS v FROM status_list_cache").first<string>(
      "v",
    );
    expect(Date.parse(validUntil!) - Date.now()).toBeGreaterThan(12 * 3600_000);
  });

  it("the cron handler alerts even when the configuration cannot start", async () => {
    const lines = captureLogs();
    await scheduled({ cron: "7 * * * *" }, { ...workerEnv, ISSUER_KEYS: "{broken" });
    const alert = lines.map((l) => JSON.parse(l)).find((l) => l.level === "alert");
    expect(alert).toMatchObject({ event: "self_check_failed", problems: { config: { state: "misconfigured" } } });
    expect(alert.summary).toContain("ISSUER_KEYS");
  });
});
