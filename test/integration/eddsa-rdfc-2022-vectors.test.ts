/**
 * W3C VC DI EdDSA test vectors (eddsa-rdfc-2022, "Alumni credential"): our canonicalization,
 * hashing, signing and verification reproduce them byte for byte.
 */
import { describe, expect, it } from "vitest";
import { ed25519Verify } from "../../src/adapters/crypto/ed25519";
import { base58Decode, concatBytes, fromHex, toHex } from "../../src/lib/encoding";
import { fromMultikey } from "../../src/adapters/crypto/keys";
import { createCanonicalizer } from "../../src/adapters/jsonld/canonize";
import { BUNDLED_CONTEXTS } from "../../src/adapters/jsonld/contexts";
import { createProof, decodeProofValue, hashData } from "../../src/domain/data-integrity";
import keyPair from "../vectors/vc-di-eddsa/keyPair.json";
import unsigned from "../vectors/vc-di-eddsa/unsigned.json";
import proofConfig from "../vectors/vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json";
import signed from "../vectors/vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json";
import canonDoc from "../vectors/vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt?raw";
import proofCanon from "../vectors/vc-di-eddsa/eddsa-rdfc-2022/proofCanonDataInt.txt?raw";
import combinedHash from "../vectors/vc-di-eddsa/eddsa-rdfc-2022/combinedHashDataInt.txt?raw";
import sigBtc58 from "../vectors/vc-di-eddsa/eddsa-rdfc-2022/sigBTC58DataInt.txt?raw";

// The examples context used by the vectors; no npm package ships it (../shared/NOTES.md).
const contexts = new Map(BUNDLED_CONTEXTS);
contexts.set("https://www.w3.org/ns/credentials/examples/v2", {
  "@context": { "@vocab": "https://www.w3.org/ns/credentials/examples#" },
});
const canonicalize = createCanonicalizer(contexts);

/** Ed25519 seed → WebCrypto private key (PKCS#8 wrapping of RFC 8410). */
async function importSeed(seed: Uint8Array): Promise<CryptoKey> {
  const pkcs8 = concatBytes(fromHex("302e020100300506032b657004220420")!, seed);
  return crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, false, ["sign"]);
}

describe("W3C eddsa-rdfc-2022 vectors", () => {
  it("canonical N-Quads of the document and proof configuration match", async () => {
    expect(await canonicalize(unsigned)).toBe(canonDoc);
    expect(await canonicalize(proofConfig)).toBe(proofCanon);
  });

  it("hashData = SHA-256(proof config) ‖ SHA-256(document) matches", async () => {
    const { "@context": _c, ...options } = proofConfig;
    expect(toHex(await hashData(unsigned, options, canonicalize))).toBe(combinedHash.trim());
  });

  it("signing with the vector key reproduces proofValue exactly, and it verifies", async () => {
    const priv = base58Decode(keyPair.privateKeyMultibase.slice(1))!;
    expect([priv[0], priv[1]]).toEqual([0x80, 0x26]); // multicodec ed25519-priv
    const key = await importSeed(priv.slice(2));
    const { "@context": _c, ...options } = proofConfig;
    const out = await createProof(unsigned, {
      verificationMethod: options.verificationMethod,
      created: options.created,
      canonicalize,
      sign: async (d) => new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, key, d)),
    });
    expect(out.proof.proofValue).toBe(sigBtc58.trim());
    expect(out.proof.proofValue).toBe(signed.proof.proofValue);

    const pub = fromMultikey(keyPair.publicKeyMultibase)!;
    const { proof, ...doc } = signed;
    const data = await hashData(doc, proof, canonicalize);
    expect(await ed25519Verify(decodeProofValue(proof.proofValue)!, data, pub)).toBe(true);
    const tampered = await hashData({ ...doc, name: "Alumni Credential!" }, proof, canonicalize);
    expect(await ed25519Verify(decodeProofValue(proof.proofValue)!, tampered, pub)).toBe(false);
  });
});
