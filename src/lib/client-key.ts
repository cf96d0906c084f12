/**
 * The key a client is rate limited by. An IPv4 address is one client; an IPv6 address is keyed by
 * its /64 prefix, since a single subscriber is routinely delegated a whole /64 or more (RFC 6177,
 * RIPE-690) and could otherwise draw a fresh address, and a fresh allowance, for every request.
 */

/** The eight 16-bit groups of an IPv6 address as lowercase hex, or null when it is not one. */
function ipv6Groups(ip: string): string[] | null {
  const halves = ip.toLowerCase().split("%")[0]!.split("::");
  if (halves.length > 2) return null;
  const part = (s: string) => (s === "" ? [] : s.split(":"));
  const head = part(halves[0]!);
  const tail = halves.length === 2 ? part(halves[1]!) : [];
  // An embedded IPv4 tail (::ffff:192.0.2.1) counts as two groups.
  const last = tail.length ? tail : head;
  if (last.length && last[last.length - 1]!.includes(".")) last.splice(-1, 1, "0", "0");
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups.map((g) => g.replace(/^0+(?=.)/, "")) : null;
}

/** `ip` for IPv4 (or anything unrecognised), `<first four groups>::/64` for IPv6. */
export function rateLimitKey(ip: string): string {
  if (!ip.includes(":")) return ip;
  const groups = ipv6Groups(ip);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : ip;
}
