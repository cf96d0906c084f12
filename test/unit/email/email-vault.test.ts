/** Addresses at rest: AES-GCM sealing bound to its record, key ids for rotation, the blind index. */
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import { createEmailVault, normalizeEmail } from "../../../src/adapters/crypto/email-vault";
import { MAX_ATTEMPTS } from "../../../src/services/delivery-consumer";

const key = (b: number) => Buffer.alloc(32, b).toString("base64url");

describe("email vault", () => {
  it("seals to a context, opens only there, and never repeats a ciphertext", async () => {
    const v = await createEmailVault({ encryptionKey: `k1:${key(1)}`, indexKey: key(9) });
    const a = await v.seal("minjun@example.org", "cert:A");
    const b = await v.seal("minjun@example.org", "cert:A");
    expect(a.keyId).toBe("k1");
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain("minjun");
    expect(await v.open(a, "cert:A")).toBe("minjun@example.org");
    // Moved to another record (or tampered with), it does not open.
    await expect(v.open(a, "cert:B")).rejects.toThrow();
    const flipped = a.ciphertext.slice(0, -2) + (a.ciphertext.endsWith("A") ? "BA" : "AA");
    await expect(v.open({ ...a, ciphertext: flipped }, "cert:A")).rejects.toThrow();
  });

  it("rotation: new seals use the new key id; addresses sealed before open with the previous key", async () => {
    const old = await createEmailVault({ encryptionKey: `k1:${key(1)}`, indexKey: key(9) });
    const sealed = await old.seal("ann@example.org", "cert:X");
    const rotated = await createEmailVault({
      encryptionKey: `k2:${key(2)}`,
      previousKeys: `k1:${key(1)}`,
      indexKey: key(9),
    });
    expect((await rotated.seal("ann@example.org", "cert:Y")).keyId).toBe("k2");
    expect(await rotated.open(sealed, "cert:X")).toBe("ann@example.org");
    const without = await createEmailVault({ encryptionKey: `k2:${key(2)}`, indexKey: key(9) });
    await expect(without.open(sealed, "cert:X")).rejects.toThrow(/no email key "k1"/);
  });

  it("the blind index is keyed, stable and case-insensitive", async () => {
    const v = await createEmailVault({ encryptionKey: `k1:${key(1)}`, indexKey: key(9) });
    const w = await createEmailVault({ encryptionKey: `k1:${key(1)}`, indexKey: key(8) });
    expect(await v.index(" Ann@Example.ORG ")).toBe(await v.index("ann@example.org"));
    expect(await v.index("ann@example.org")).not.toBe(await w.index("ann@example.org"));
    expect(await v.index("ann@example.org")).toMatch(/^[0-9a-f]{64}$/);
    expect(normalizeEmail(" Ä@Example.org")).toBe("ä@example.org");
  });

  it("refuses malformed secrets, naming the secret but never its value", async () => {
    await expect(createEmailVault({ encryptionKey: key(1), indexKey: key(9) })).rejects.toThrow(/EMAIL_ENCRYPTION_KEY/);
    await expect(createEmailVault({ encryptionKey: "k1:short", indexKey: key(9) })).rejects.toThrow(/32 bytes/);
    await expect(createEmailVault({ encryptionKey: `k1:${key(1)}`, indexKey: "x" })).rejects.toThrow(/EMAIL_INDEX_KEY/);
  });
});

describe("queue configuration", () => {
  it("wrangler.toml's max_retries for the delivery queue is MAX_ATTEMPTS - 1, locally and in production", () => {
    const toml = fs.readFileSync("wrangler.toml", "utf8");
    const blocks = [...toml.matchAll(/queue = "wego-deliveries"\n(?:[a-z_]+ = .*\n)*?max_retries = (\d+)/g)];
    expect(blocks.map((m) => Number(m[1]))).toEqual([MAX_ATTEMPTS - 1, MAX_ATTEMPTS - 1]);
  });
});
