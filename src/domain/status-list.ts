/**
 * W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/): the bitstring,
 * its `encodedList` form, random index allocation and the unsigned status list credential.
 * Pure and Web-API only (CompressionStream, DecompressionStream), so it runs in Node 20 and workerd.
 */
import { base64urlDecode, base64urlEncode } from "../lib/encoding";

/** Bits in one status list: 131,072 bits (16 KiB), the spec's minimum size, for herd privacy. */
export const STATUS_LIST_SIZE = 131_072;

/** Default cap on the decompressed list (16 MiB = 134M entries): the spec sets no maximum, so we do. */
export const MAX_DECODED_BYTES = 16 * 1024 * 1024;

/**
 * Default cap on `encodedList` length in characters (4 Mi). A sparse list of the maximum size
 * compresses to a few KiB; a dense random one of 16 KiB to about 22 KiB of base64url.
 */
export const MAX_ENCODED_LENGTH = 4 * 1024 * 1024;

/** Why an `encodedList` could not be decoded. */
export type StatusListErrorCode =
  /** Not multibase base64url (`u` prefix, alphabet, no padding) or not a complete, valid GZIP stream. */
  | "ERR_STATUS_LIST_ENCODING"
  /** The encoded string or the decompressed list exceeds its cap (gzip-bomb guard). */
  | "ERR_STATUS_LIST_TOO_LARGE"
  /** Shorter than the minimum length (the spec's STATUS_LIST_LENGTH_ERROR). */
  | "ERR_STATUS_LIST_SHORT";

/** The failure value of {@link decodeStatusList}. */
export interface StatusListError {
  error: StatusListErrorCode;
  message: string;
}

/** Limits for {@link decodeStatusList}. */
export interface DecodeStatusListOptions {
  /** Largest decompressed list accepted, in bytes. Default {@link MAX_DECODED_BYTES}. */
  maxBytes?: number;
  /** Longest `encodedList` accepted, in characters. Default {@link MAX_ENCODED_LENGTH}. */
  maxEncodedLength?: number;
  /** Smallest list accepted, in bits. Default {@link STATUS_LIST_SIZE} (spec minimum). */
  minBits?: number;
}

/**
 * A fixed-length bitstring, one bit per status entry (statusSize 1). Index 0 is the left-most bit,
 * i.e. the most significant bit of the first byte (spec "Bitstring Generation Algorithm").
 */
export class Bitstring {
  /** The underlying bytes; shared, not copied. */
  readonly bytes: Uint8Array;

  /** Wraps existing bytes (e.g. the output of {@link decodeStatusList}) without copying. */
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** An all-zero bitstring of `lengthBits` bits (rounded up to whole bytes). */
  static zeroed(lengthBits: number = STATUS_LIST_SIZE): Bitstring {
    if (!Number.isSafeInteger(lengthBits) || lengthBits < 0) throw new RangeError("length must be a whole number");
    return new Bitstring(new Uint8Array(Math.ceil(lengthBits / 8)));
  }

  /** Number of addressable bits. */
  get length(): number {
    return this.bytes.length * 8;
  }

  /** True when `index` is an integer in [0, length). Check this before `get` on an untrusted index. */
  isValidIndex(index: number): boolean {
    return Number.isSafeInteger(index) && index >= 0 && index < this.length;
  }

  /** The bit at `index`. Throws RangeError outside [0, length) (the spec's RANGE_ERROR). */
  get(index: number): boolean {
    const byte = this.bytes[this.byteIndex(index)] ?? 0;
    return (byte & (0x80 >> (index % 8))) !== 0;
  }

  /** Sets or clears the bit at `index`. Throws RangeError outside [0, length). */
  set(index: number, value: boolean): void {
    const at = this.byteIndex(index);
    const mask = 0x80 >> (index % 8);
    const byte = this.bytes[at] ?? 0;
    this.bytes[at] = value ? byte | mask : byte & ~mask;
  }

  private byteIndex(index: number): number {
    if (!this.isValidIndex(index)) throw new RangeError(`status list index ${index} out of range`);
    return index >>> 3;
  }
}

/**
 * Parses a `statusListIndex` (spec §2.1: a base-10 integer in a string) and checks it against a
 * list of `lengthBits` bits. Returns null when it is not a canonical non-negative integer or is
 * out of range (RANGE_ERROR), so a verifier can report it instead of throwing.
 */
export function parseStatusListIndex(value: unknown, lengthBits: number): number | null {
  if (typeof value !== "string" || !/^(0|[1-9][0-9]{0,15})$/.test(value)) return null;
  const index = Number(value);
  return Number.isSafeInteger(index) && index < lengthBits ? index : null;
}

/** GZIP-compresses `bits`, then multibase base64url without padding (prefix `u`), spec §2.2 `encodedList`. */
export async function encodeStatusList(bits: Uint8Array): Promise<string> {
  const gzipped = await collect(pump(bits, new CompressionStream("gzip")), Number.POSITIVE_INFINITY);
  if (gzipped === "too-large") throw new Error("unreachable: compression output is not capped");
  return "u" + base64urlEncode(gzipped);
}

/**
 * Decodes an `encodedList` into the raw bitstring bytes. Never throws: every failure becomes a
 * {@link StatusListError}. Stops reading the decompressor as soon as the output passes the cap, so a
 * gzip bomb costs at most `maxBytes` plus one chunk of memory.
 */
export async function decodeStatusList(
  encoded: string,
  opts: DecodeStatusListOptions = {},
): Promise<Uint8Array | StatusListError> {
  const maxBytes = opts.maxBytes ?? MAX_DECODED_BYTES;
  const maxEncodedLength = opts.maxEncodedLength ?? MAX_ENCODED_LENGTH;
  const minBytes = Math.ceil((opts.minBits ?? STATUS_LIST_SIZE) / 8);
  if (typeof encoded !== "string") return fail("ERR_STATUS_LIST_ENCODING", "encodedList is not a string");
  if (encoded.length > maxEncodedLength) {
    return fail("ERR_STATUS_LIST_TOO_LARGE", `encodedList is longer than ${maxEncodedLength} characters`);
  }
  // Multibase: `u` is base64url without padding; any other base is not allowed by spec §2.2.
  if (!encoded.startsWith("u")) return fail("ERR_STATUS_LIST_ENCODING", "encodedList must start with multibase 'u'");
  const gzipped = base64urlDecode(encoded.slice(1));
  if (gzipped === null || gzipped.length === 0) {
    return fail("ERR_STATUS_LIST_ENCODING", "encodedList is not valid base64url without padding");
  }
  let bits: Uint8Array | "too-large";
  try {
    bits = await collect(pump(gzipped, new DecompressionStream("gzip")), maxBytes);
  } catch {
    return fail("ERR_STATUS_LIST_ENCODING", "encodedList is not a valid GZIP stream");
  }
  if (bits === "too-large") return fail("ERR_STATUS_LIST_TOO_LARGE", `status list is larger than ${maxBytes} bytes`);
  if (bits.length < minBytes) return fail("ERR_STATUS_LIST_SHORT", `status list is shorter than ${minBytes} bytes`);
  return bits;
}

/** Input to {@link buildStatusListCredential}. */
export interface StatusListCredentialInput {
  /** URL of the status list credential (the `statusListCredential` of each entry). */
  id: string;
  issuerDid: string;
  purpose: "revocation" | "suspension";
  /** Output of {@link encodeStatusList}. */
  encodedList: string;
  /** XML Schema dateTimeStamp, e.g. `2026-11-02T10:00:00Z`. */
  validFrom: string;
  /** Optional end of validity, after which verifiers should fetch a fresh list. */
  validUntil?: string;
  /** Optional time-to-live in milliseconds (spec §2.2 `ttl`). */
  ttl?: number;
}

/** An unsigned BitstringStatusListCredential (spec §2.2). */
export interface StatusListCredential {
  "@context": ["https://www.w3.org/ns/credentials/v2"];
  id: string;
  type: ["VerifiableCredential", "BitstringStatusListCredential"];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: "BitstringStatusList";
    statusPurpose: "revocation" | "suspension";
    encodedList: string;
    ttl?: number;
  };
}

/** Builds the unsigned BitstringStatusListCredential (spec §2.2); the caller signs it. */
export function buildStatusListCredential(input: StatusListCredentialInput): StatusListCredential {
  const credential: StatusListCredential = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: input.id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: input.issuerDid,
    validFrom: input.validFrom,
    credentialSubject: {
      id: `${input.id}#list`,
      type: "BitstringStatusList",
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
    },
  };
  if (input.validUntil !== undefined) credential.validUntil = input.validUntil;
  if (input.ttl !== undefined) credential.credentialSubject.ttl = input.ttl;
  return credential;
}

function fail(error: StatusListErrorCode, message: string): StatusListError {
  return { error, message };
}

/**
 * Writes `input` into a transform stream and returns its readable side. Writes are not awaited:
 * the readable must be drained concurrently or backpressure would deadlock. Write errors surface
 * on the readable side, so they are swallowed here.
 */
function pump(input: Uint8Array, stream: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  const writer = stream.writable.getWriter();
  writer.write(input).catch(() => {});
  writer.close().catch(() => {});
  return stream.readable as ReadableStream<Uint8Array>;
}

/** Reads the whole stream, or cancels it and returns "too-large" once more than `max` bytes came out. */
async function collect(readable: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | "too-large"> {
  const reader = readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
