/** Catalogue editing: a 2025 programme at once; achievements change only while no certificate signed them. */
import { describe, expect, it } from "vitest";
import { ADMIN, call, postJson } from "../support/api";

const auth = { authorization: `Bearer ${ADMIN}` };
const put = (path: string, body: unknown) =>
  call(path, { method: "PUT", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });

const PROGRAMME = {
  id: "champions-2025",
  name: "WeGO Sustainable Smart City Champions 2025",
  online: { themes: ["Smart and Sustainable Cities' Transitions"] },
  workshops: [
    { city: "Seoul", date: "2025-10-01", venue: "Seoul City Hall", themes: ["Digital Twins"] },
    { city: "Los Angeles", date: "2025-11-05", themes: ["Urban Heat"], criteria: "Attended both days." },
  ],
};

describe("catalogue editing", () => {
  it("adds a programme year: online phase and workshops, ids and texts as the 2023 catalogue writes them", async () => {
    const res = await postJson("/admin/programmes", PROGRAMME);
    expect(res.status).toBe(201);
    const { achievements } = await res.json<any>();
    expect(achievements.map((a: any) => a.id)).toEqual([
      "champions-2025-online",
      "champions-2025-workshop-seoul",
      "champions-2025-workshop-los-angeles",
    ]);
    expect(achievements[1]).toMatchObject({
      kind: "workshop",
      name: "WeGO Sustainable Smart City Champions 2025: Seoul workshop",
      description:
        "In-person workshop of the WeGO Sustainable Smart City Champions 2025 programme in Seoul on 2025-10-01, hosted by Seoul City Hall. Themes: Digital Twins.",
      city: "Seoul",
      date: "2025-10-01",
      venue: "Seoul City Hall",
    });
    expect(achievements[2].criteria).toBe("Attended both days.");
    const publicOne = await call("/achievements/champions-2025-workshop-seoul");
    expect(publicOne.status).toBe(200);
    // Again: nothing is added twice, the whole request is refused.
    const again = await postJson("/admin/programmes", PROGRAMME);
    expect([again.status, (await again.json<any>()).code]).toEqual([409, "ERR_CONFLICT"]);
    const bad = await postJson("/admin/programmes", {
      ...PROGRAMME,
      id: "x-2025",
      workshops: [{ city: "서울", date: "2025-10-01", themes: [] }],
    });
    expect([bad.status, (await bad.json<any>()).field]).toEqual([400, "workshops.0.slug"]);
    const invalid = await postJson("/admin/programmes", { id: "Bad Id", name: "x", online: { themes: [] } });
    expect([invalid.status, (await invalid.json<any>()).field]).toEqual([400, "id"]);
  });

  it("an unused achievement can be corrected; once a certificate signed it, changes are 409 and nothing moves", async () => {
    const id = "champions-2025-workshop-seoul";
    const list = await (await call("/admin/achievements", { headers: auth })).json<any>();
    const current = list.achievements.find((a: any) => a.id === id);
    expect(current).toMatchObject({ certificates: 0, editable: true });
    const { certificates: _c, editable: _e, ...record } = current;
    const fixed = { ...record, venue: "Seoul Global Center", date: "2025-10-02" };
    const ok = await put(`/admin/achievements/${id}`, fixed);
    expect(ok.status).toBe(200);
    expect((await ok.json<any>()).changed).toEqual(["date", "venue"]);
    expect(await (await call(`/achievements/${id}`)).text()).toContain("Seoul Global Center");

    const issued = await postJson("/admin/certificates", {
      recipient: { name: "Park Ji-woo", email: "jw2025@example.org" },
      achievementId: id,
    });
    expect(issued.status).toBe(201);
    const refused = await put(`/admin/achievements/${id}`, { ...fixed, name: "Renamed workshop" });
    const problem = await refused.json<any>();
    expect([refused.status, problem.code, problem.field]).toEqual([409, "ERR_ACHIEVEMENT_IN_USE", "name"]);
    expect(problem.detail).toContain("1 certificate");
    // The same values again is not a change, and is fine.
    expect((await put(`/admin/achievements/${id}`, fixed)).status).toBe(200);
    const after = await (await call("/admin/achievements", { headers: auth })).json<any>();
    expect(after.achievements.find((a: any) => a.id === id)).toMatchObject({
      name: record.name,
      certificates: 1,
      editable: false,
    });

    const audit = await (await call("/admin/audit?action=achievement.update", { headers: auth })).json<any>();
    const mine = audit.entries.filter((e: any) => e.target === id);
    expect(mine).toHaveLength(1);
    expect(mine[0].summary.before.venue).toBe("Seoul City Hall");
  });

  it("ids cannot change, unknown ids are 404, and editing needs the admin scope", async () => {
    const id = "champions-2025-online";
    const list = await (await call("/admin/achievements", { headers: auth })).json<any>();
    const { certificates: _c, editable: _e, ...record } = list.achievements.find((a: any) => a.id === id);
    const moved = await put(`/admin/achievements/${id}`, { ...record, id: "champions-2025-other" });
    expect([moved.status, (await moved.json<any>()).field]).toEqual([400, "id"]);
    expect((await put(`/admin/achievements/nope-1`, { ...record, id: "nope-1" })).status).toBe(404);
    const token = await (await postJson("/admin/tokens", { name: "reader", scopes: ["read"] })).json<any>();
    const denied = await call(`/admin/achievements/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token.token}`, "content-type": "application/json" },
      body: JSON.stringify(record),
    });
    expect(denied.status).toBe(403);
  });
});
