import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { createStore } from "../../src/adapters/storage/database";
import { listAchievements } from "../../src/adapters/storage/achievement-repository";
import { SEED_CATALOGUE } from "../../src/domain/catalogue";
import { postJson, call } from "../support/api";

it("the seed migration and src/domain/catalogue.ts agree", async () => {
  const rows = await listAchievements(createStore((env as unknown as { DB: D1Database }).DB));
  expect(rows.slice(0, SEED_CATALOGUE.length)).toEqual(SEED_CATALOGUE);
});

it("admins can add an achievement and issue against it; duplicates are 409", async () => {
  const a = {
    id: "champions-2026-workshop-seoul",
    kind: "workshop",
    name: "WeGO Sustainable Smart City Champions 2026: Seoul workshop",
    description: "In-person workshop in Seoul.",
    criteria: "Took part in the Seoul workshop.",
    city: "Seoul",
    date: "2026-10-01",
    themes: ["Digital Twins"],
    venue: "Seoul City Hall",
  };
  expect((await postJson("/admin/achievements", a)).status).toBe(201);
  expect((await postJson("/admin/achievements", a)).status).toBe(409);
  const bad = await postJson("/admin/achievements", { ...a, id: "x-2", city: null });
  expect((await bad.json<any>()).field).toBe("city");
  expect((await call("/achievements/champions-2026-workshop-seoul")).status).toBe(200);
  const res = await postJson("/admin/certificates", {
    recipient: { name: "Ji-woo Park", email: "jw@example.org" },
    achievementId: a.id,
  });
  expect(res.status).toBe(201);
});
