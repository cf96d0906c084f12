/** Issue 9, item 6: the smaller ways a response could leak, be cached wrongly or be misread. */
import { describe, expect, it } from "vitest";
import { ADMIN, call, issue, postJson, verify } from "../support/api";
import { csvCell } from "../../src/services/batches";

describe("HTTP hygiene", () => {
  it("/c/{id} varies by Accept, since it answers HTML or JSON under a public cache", async () => {
    const { id } = await issue();
    const json = await call(`/c/${id}`, { headers: { accept: "application/json" } });
    expect(json.headers.get("cache-control")).toContain("public");
    expect(json.headers.get("vary")).toContain("Accept");
    const html = await call(`/c/${id}`, { headers: { accept: "text/html" } });
    expect(html.headers.get("vary")).toContain("Accept");
  });

  it("admin answers that contain names are never stored", async () => {
    const res = await postJson("/admin/certificates", {
      recipient: { name: "Kim Min-jun", email: "k@example.org" },
      achievementId: "champions-2023-online",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { id } = await res.json<{ id: string }>();
    const read = await call(`/admin/certificates/${id}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toBe("no-store");
  });

  it("batch report cells cannot run as spreadsheet formulas", () => {
    expect(["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "Ann"].map(csvCell)).toEqual([
      "'=HYPERLINK(1)",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      '"\'\rx"',
      "Ann",
    ]);
  });

  it("a proof carrying its own @context is refused (VC Data Integrity §4.3 / §4.4)", async () => {
    const { credential } = await issue();
    const proof = [{ "@context": "https://www.w3.org/ns/credentials/v2", ...credential.proof[0] }];
    const { status, body } = await verify({ ...credential, proof });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ check: "format", code: "ERR_FORMAT" });
    expect(body.errors[0].message).toContain("proof.0.@context");
  });
});
