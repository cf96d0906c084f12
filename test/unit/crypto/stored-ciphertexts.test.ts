/**
 * Ciphertexts stored before the two AES-GCM users shared one vault (aes-gcm-vault.ts) still open:
 * the fixtures were sealed by the earlier email vault and secret box (test keys of repeated bytes).
 */
import { describe, expect, it } from "vitest";
import { createEmailVault } from "../../../src/adapters/crypto/email-vault";
import { createSecretBox } from "../../../src/adapters/crypto/secret-box";

const key = (b: number) => Buffer.alloc(32, b).toString("base64url");

/** Sealed by the email vault before the refactor: base64url(nonce ‖ ciphertext+tag), key id k1. */
const EMAIL = { ciphertext: "gKg51-nqepN7vHJS98Tjj-mkg2dvFaM9COAd4DoQOAxVuQp4RWhl-ykCzey385c", keyId: "k1" };
/** Sealed by the secret box before the refactor: v1.<nonce>.<ciphertext+tag>. */
const SECRET = "v1.cNYYty_PHFY_y5F4.svXjK87UWmnmrpfaitsWBDeRhKydbP0uYwFA3zocJyyh2_fj";

describe("stored ciphertexts of both formats", () => {
  it("an address sealed by the earlier email vault opens, in its context only; its index is unchanged", async () => {
    const vault = await createEmailVault({
      encryptionKey: `k2:${key(2)}`,
      previousKeys: `k1:${key(1)}`,
      indexKey: key(9),
    });
    expect(await vault.open(EMAIL, "cert:FIXTURE")).toBe("ann.lee@example.org");
    await expect(vault.open(EMAIL, "cert:OTHER")).rejects.toThrow(/does not open/);
    await expect(vault.open({ ...EMAIL, keyId: "k3" }, "cert:FIXTURE")).rejects.toThrow(/no email key "k3"/);
    expect(await vault.index("Ann.Lee@Example.org")).toBe(
      "ff49605337825e66e5a119dc8a090847e425cb4a8a82db7d83d96442b85f8feb",
    );
  });

  it("a webhook secret sealed by the earlier secret box opens, in its context only", async () => {
    const box = await createSecretBox(key(3));
    expect(await box.open(SECRET, "src-1/key-1/webhook")).toBe("whsec_fixture-secret");
    expect(await box.open(SECRET, "src-1/key-2/webhook")).toBeNull();
    expect(await box.open(SECRET.replace("v1.", "v2."), "src-1/key-1/webhook")).toBeNull();
    // New seals keep the same format.
    expect(await box.seal("x", "c")).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
  });
});
