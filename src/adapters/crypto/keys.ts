/**
 * Issuer public keys: parsing the published key set and deriving the forms it is published in
 * (Multikey for did:web, OKP JWK for JWKS), plus loading the signer from its secret JWK.
 */
import { calculateJwkThumbprint } from "jose";
import { AppError } from "../../errors";
import {
  base58Decode,
  base58Encode,
  base64urlDecode,
  base64urlEncode,
  concatBytes,
  toHex,
  utf8,
} from "../../lib/encoding";
import type { IssuerKey, PublishedKey } from "../../domain/ports";
import { ed25519Verify, type PrivateJwk, type Signer } from "./ed25519";

/** Multicodec prefix for ed25519-pub (0xed01), as used by Multikey (W3C CID §2.2.2). */
const ED25519_PUB_PREFIX = new Uint8Array([0xed, 0x01]);

export type { IssuerKey, KeyStatus, PublishedKey } from "../../domain/ports";

/** Multikey encoding of an Ed25519 public key. */
export function toMultikey(publicKey: Uint8Array): string {
  return "z" + base58Encode(concatBytes(ED25519_PUB_PREFIX, publicKey));
}

/** Decodes a Multikey Ed25519 public key; null if it is anything else. */
export function fromMultikey(multibase: string): Uint8Array | null {
  if (typeof multibase !== "string" || !multibase.startsWith("z")) return null;
  const bytes = base58Decode(multibase.slice(1));
  if (!bytes || bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return null;
  return bytes.slice(2);
}

/** RFC 7638 thumbprint of an Ed25519 OKP key (jose's implementation). */
export function jwkThumbprint(publicKey: Uint8Array): Promise<string> {
  return calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: base64urlEncode(publicKey) }, "sha256");
}

/** Public JWK for the JWKS (never a `d`). */
export function toPublicJwk(key: PublishedKey): Record<string, string> {
  return { kty: "OKP", crv: "Ed25519", x: base64urlEncode(key.publicKey), kid: key.kid, alg: "EdDSA", use: "sig" };
}

/**
 * Public keys of RFC 8032 §7.1's test vectors (TEST 1, 2, 3 and 1024): their private keys are
 * published, so a key set listing one would let anyone sign as the issuer.
 */
const PUBLISHED_TEST_KEYS = new Set([
  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
  "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
  "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
  "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
]);

/** Options of {@link keySetProblems}. */
export interface KeySetOptions {
  /** The set must hold an active key (a deployment's). */
  deployable?: boolean;
  /** Allow RFC 8032's published test keys: only the start-up warm-up's own sample (worker/warm-up.ts). */
  allowPublishedTestKeys?: boolean;
}

/**
 * Every problem with a published key set (JSON text or value), in one list; empty when it is
 * sound. The one key-set validator: the Worker refuses to start on a problem, the CLI and
 * `npm run deploy` refuse to write or publish such a set. `deployable` adds what a deployed
 * environment needs: exactly one active key to sign with.
 */
export async function keySetProblems(input: unknown, opts: KeySetOptions = {}): Promise<string[]> {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch {
      return ["the key set is not valid JSON"];
    }
  }
  const list = Array.isArray(value) ? value : (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) return ['the key set must be {"keys": [...]}'];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of list.entries()) {
    if (!raw || typeof raw !== "object") {
      problems.push(`keys[${i}]: not an object`);
      continue;
    }
    const k = raw as Partial<IssuerKey>;
    const name = `key ${typeof k.kid === "string" ? k.kid : `#${i}`}`;
    const publicKey = fromMultikey(k.publicKeyMultibase as string);
    if (!publicKey) problems.push(`${name}: publicKeyMultibase is not an Ed25519 Multikey`);
    else if (!opts.allowPublishedTestKeys && PUBLISHED_TEST_KEYS.has(toHex(publicKey)))
      problems.push(`${name}: an RFC 8032 test key, whose private key is published`);
    else if ((await jwkThumbprint(publicKey)) !== k.kid)
      problems.push(`${name}: kid is not the RFC 7638 thumbprint of its public key`);
    if (typeof k.kid === "string" && seen.has(k.kid)) problems.push(`${name}: listed twice`);
    if (typeof k.kid === "string") seen.add(k.kid);
    if (!["active", "retired", "compromised"].includes(k.status as string))
      problems.push(`${name}: status must be active, retired or compromised`);
    const from = Date.parse(k.notBefore as string);
    const to = k.notAfter === undefined ? undefined : Date.parse(k.notAfter);
    if (Number.isNaN(from) || (to !== undefined && Number.isNaN(to)))
      problems.push(`${name}: notBefore/notAfter must be ISO 8601 dates`);
    else if (to !== undefined && to < from) problems.push(`${name}: notAfter is before notBefore`);
    // A retired key's window must be closed, or anything signed with it later would still verify.
    if (k.status === "retired" && k.notAfter === undefined) problems.push(`${name}: a retired key needs notAfter`);
  }
  const active = list.filter((k) => (k as Partial<IssuerKey> | null)?.status === "active").length;
  if (active > 1) problems.push(`${active} keys are active; exactly one may sign`);
  if (opts.deployable && active === 0) problems.push("no active key: nothing could sign");
  return problems;
}

/** Parses and checks the published key set (JSON text or value). Throws ERR_CONFIG on a bad set. */
export async function parseKeySet(input: unknown, opts: KeySetOptions = {}): Promise<PublishedKey[]> {
  const problems = await keySetProblems(input, opts);
  if (problems.length > 0) throw new AppError("ERR_CONFIG", `ISSUER_KEYS: ${problems.join("; ")}`);
  const value = typeof input === "string" ? JSON.parse(input) : input;
  const list = (Array.isArray(value) ? value : (value as { keys: IssuerKey[] }).keys) as IssuerKey[];
  return list.map((k) => ({ ...k, publicKey: fromMultikey(k.publicKeyMultibase)! }));
}

/** Imports the signing key from its secret OKP JWK and checks it is published and active. */
export async function loadSigner(secret: string, keys: PublishedKey[]): Promise<Signer> {
  let jwk: PrivateJwk;
  try {
    jwk = JSON.parse(secret) as PrivateJwk;
  } catch (cause) {
    throw new AppError("ERR_CONFIG", "ISSUER_PRIVATE_KEY is not a JSON Web Key", { cause });
  }
  const publicKey = base64urlDecode(jwk.x ?? "");
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || !publicKey || publicKey.length !== 32 || !jwk.d)
    throw new AppError("ERR_CONFIG", "ISSUER_PRIVATE_KEY must be an Ed25519 OKP JWK with x and d");
  // workerd rejects `"alg": "Ed25519"` (exported by Node 20); import without alg.
  const cryptoKey = await crypto.subtle.importKey(
    "jwk",
    { kty: "OKP", crv: "Ed25519", x: jwk.x, d: jwk.d },
    { name: "Ed25519" },
    false,
    ["sign"],
  );
  const kid = await jwkThumbprint(publicKey);
  const published = keys.find((k) => k.kid === kid);
  if (!published) throw new AppError("ERR_CONFIG", `signing key ${kid} is not in the published key set`);
  if (published.status !== "active") throw new AppError("ERR_CONFIG", `signing key ${kid} is ${published.status}`);
  // workerd imports a JWK whose `x` and `d` do not belong together and signs with `d`: every new
  // certificate would then fail verification while issuance answers 201. Prove the pair first.
  const probe = utf8.encode("wego-signer-self-check");
  const probeSig = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, cryptoKey, probe));
  if (!(await ed25519Verify(probeSig, probe, publicKey)))
    throw new AppError("ERR_CONFIG", `ISSUER_PRIVATE_KEY: its private part does not match its public key ${kid}`);
  return {
    kid,
    publicKey,
    cryptoKey,
    // Every signature is checked against the published key before anyone can store it.
    async sign(message) {
      const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, cryptoKey, message));
      if (!(await ed25519Verify(signature, message, published.publicKey)))
        throw new AppError("ERR_CONFIG", `a signature by ${kid} does not verify with its published key`);
      return signature;
    },
  };
}
