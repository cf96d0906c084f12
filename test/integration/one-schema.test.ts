/**
 * One definition per field: single issuance (POST /admin/certificates), VC-API issuance and bulk
 * rows (JSON and CSV) accept and refuse exactly the same values, because all of them validate with
 * schemas/certificate-fields.json. These inputs used to be judged differently by the two paths.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, call, postJson } from "../support/api";

type Row = { name: string; email: string; validUntil?: string };

const CASES: Array<[string, Row, boolean]> = [
  ["a name ending in U+202E", { name: "Ann Lee\u202e", email: "a@example.org" }, false],
  ["a tab inside the name", { name: "Ann\tLee", email: "a@example.org" }, false],
  ["an internationalised email", { name: "山田太郎", email: "名前@例え.jp" }, true],
  ["an email without a dotted domain", { name: "Ann", email: "ann@localhost" }, false],
  ["validUntil as a date", { name: "Ann", email: "a@example.org", validUntil: "2030-01-01" }, true],
  ["validUntil without a time zone", { name: "Ann", email: "a@example.org", validUntil: "2030-01-01T00:00:00" }, false],
  ["validUntil on an impossible day", { name: "Ann", email: "a@example.org", validUntil: "2030-02-30" }, false],
  ["a plain name", { name: "Ləman Əliyeva", email: "l@example.az" }, true],
];

let n = 0;

async function single(row: Row): Promise<boolean> {
  const res = await postJson("/admin/certificates", {
    recipient: { name: row.name, email: row.email },
    achievementId: "champions-2023-online",
    ...(row.validUntil ? { validUntil: row.validUntil } : {}),
  });
  expect([201, 400]).toContain(res.status);
  return res.status === 201;
}

async function bulk(row: Row): Promise<boolean> {
  const res = await call("/admin/batches", {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({
      rows: [{ ...row, achievementId: "champions-2023-online", externalId: `one-schema-${n++}` }],
    }),
  });
  expect(res.status).toBe(202);
  const body = await res.json<{ counts: { failed: number } }>();
  return body.counts.failed === 0;
}

describe("single issuance and bulk rows agree", () => {
  it.each(CASES)("%s", async (_, row, accepted) => {
    expect([await single(row), await bulk(row)]).toEqual([accepted, accepted]);
  });

  it("a refused field is named, with a message a person can act on", async () => {
    const res = await postJson("/admin/certificates", {
      recipient: { name: "Ann\tLee", email: "a@example.org" },
      achievementId: "champions-2023-online",
    });
    const body = await res.json<{ field: string; detail: string }>();
    expect(body.field).toBe("recipient.name");
    expect(body.detail).toContain("no line breaks, tabs, control or bidi-override characters");
  });
});
