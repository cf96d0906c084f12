import { describe, expect, it } from "vitest";
import { rateLimitKey } from "../../../src/lib/client-key";

describe("rateLimitKey", () => {
  it("keys IPv4 by address and IPv6 by its /64, whatever the notation", () => {
    expect(rateLimitKey("203.0.113.7")).toBe("203.0.113.7");
    const same = [
      "2001:db8:7:7::1",
      "2001:DB8:7:7:ffff:ffff:ffff:ffff",
      "2001:0db8:0007:0007:0:0:0:2",
      "2001:db8:7:7::ffff:192.0.2.1",
    ];
    expect(new Set(same.map(rateLimitKey))).toEqual(new Set(["2001:db8:7:7::/64"]));
    expect(rateLimitKey("2001:db8:7:8::1")).toBe("2001:db8:7:8::/64");
    expect(rateLimitKey("::1")).toBe("0:0:0:0::/64");
    expect(rateLimitKey("2001:db8::")).toBe("2001:db8:0:0::/64");
    // Not an address: kept as given (never merged with others).
    expect(rateLimitKey("1:2:3")).toBe("1:2:3");
    expect(rateLimitKey("1::2::3")).toBe("1::2::3");
  });
});
