/** Public data and verification are usable from web verifiers on other origins; admin is not. */
import { expect, it } from "vitest";
import { call, issue } from "../support/api";

it("public GETs and verify carry CORS and cross-origin CORP; admin routes do not", async () => {
  const { id } = await issue("Cors Test");
  for (const path of [
    "/.well-known/did.json",
    "/.well-known/jwks.json",
    `/c/${id}.json`,
    `/c/${id}.jwt`,
    "/status/r1",
    "/achievements",
  ]) {
    const res = await call(path, { headers: { origin: "https://wallet.example" } });
    expect([path, res.status, res.headers.get("access-control-allow-origin")]).toEqual([path, 200, "*"]);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
  }
  const preflight = await call("/credentials/verify", {
    method: "OPTIONS",
    headers: {
      origin: "https://wallet.example",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
  const admin = await call("/admin/audit", { headers: { origin: "https://evil.example" } });
  expect(admin.headers.get("access-control-allow-origin")).toBeNull();
  expect(admin.headers.get("cross-origin-resource-policy")).toBe("same-origin");
});
