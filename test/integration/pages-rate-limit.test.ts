import { describe, expect, it } from "vitest";
import { call, expectHealthy } from "../support/api";
import { memoryRateLimiter, RATE_LIMIT } from "../../src/routes/security";

describe("rate limiting of public verification", () => {
  it("answers 429 problem+json with Retry-After once a client IP exceeds the limit", async () => {
    // IPv6 clients are limited by /64: a subscriber's other addresses share the allowance.
    const headers = { "cf-connecting-ip": "2001:db8:77:77::1", accept: "application/json" };
    for (let i = 0; i < RATE_LIMIT.limit; i++) {
      const res = await call("/c/AAAAAAAAAAAAAAAAAAAAAA", { headers });
      expect(res.status).toBe(404);
    }
    const limited = await call("/c/AAAAAAAAAAAAAAAAAAAAAA", { headers });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(limited.headers.get("retry-after")).toBe(String(RATE_LIMIT.periodSeconds));
    expect((await limited.json<{ code: string }>()).code).toBe("ERR_RATE_LIMITED");
    const verify = await call("/credentials/verify", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ verifiableCredential: "x.y.z" }),
    });
    expect(verify.status).toBe(429);
    expect((await call("/verify", { headers })).status).toBe(429);
    // Short codes have 35 random bits: guessing them is rate limited like every other lookup.
    expect((await call("/codes/WEGO-0000-0000", { headers })).status).toBe(429);
    const sibling = { ...headers, "cf-connecting-ip": "2001:db8:77:77:abcd:1234:5678:9abc" };
    expect((await call("/c/AAAAAAAAAAAAAAAAAAAAAA", { headers: sibling })).status).toBe(429);
    // Other clients and other routes are unaffected.
    expect(
      (await call("/c/AAAAAAAAAAAAAAAAAAAAAA", { headers: { "cf-connecting-ip": "2001:db8:77:78::1" } })).status,
    ).toBe(404);
    await expectHealthy(await call("/health", { headers }));
  });

  it("the in-memory fallback opens a new window after the period", async () => {
    let now = 0;
    const limit = memoryRateLimiter(2, 1000, () => now);
    expect([await limit("a"), await limit("a"), await limit("a"), await limit("b")]).toEqual([true, true, false, true]);
    now = 1000;
    expect(await limit("a")).toBe(true);
  });
});
