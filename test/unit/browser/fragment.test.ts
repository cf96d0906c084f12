import { describe, expect, it } from "vitest";
import { fragmentToken } from "../../../src/browser/fragment";

describe("fragmentToken (the QR token in the link's #)", () => {
  it.each([
    ["", { kind: "missing" }],
    ["#", { kind: "missing" }],
    ["#AQAB_-9z", { kind: "token", token: "AQAB_-9z" }],
    ["#AQ%41B", { kind: "token", token: "AQAB" }],
  ])("%j → %j", (hash, expected) => {
    expect(fragmentToken(hash)).toEqual(expected);
  });

  it.each([
    "#%",
    "#%zz",
    "#AQAB%zz",
    "#AQAB%",
    "#%E0%A4%A",
    "#%C0%80",
    "#AQ AB",
    "#AQ+B/",
    "#<script>",
    `#${"A".repeat(401)}`,
  ])("malformed fragment %j is reported, not thrown", (hash) => {
    expect(fragmentToken(hash)).toEqual({ kind: "malformed" });
  });

  it("is malformed for anything but a string", () => {
    expect(fragmentToken(undefined)).toEqual({ kind: "malformed" });
    expect(fragmentToken(42)).toEqual({ kind: "malformed" });
  });
});
