/** Edits of a published issuer key set (rotation, compromise), checked by the Worker's own validator. */
import { keySetProblems } from "../../src/adapters/crypto/keys";
import type { IssuerKey } from "../../src/domain/ports";
import { CliError } from "./cli-http";

/** A key set file: `{ "keys": [...] }`. */
export interface KeySet {
  keys: IssuerKey[];
}

/** Checks a key set the way the service does at start-up; throws CliError listing the problems. */
export async function checkKeySet(set: unknown, label: string): Promise<void> {
  const problems = await keySetProblems(set);
  if (problems.length) throw new CliError(`${label} is invalid:\n  ${problems.join("\n  ")}`);
}

/** Marks the active key retired and appends `entry` as the new active key (pure). */
export function rotateKeySet(set: KeySet, entry: IssuerKey, at: string): KeySet {
  const keys = set.keys.map((k): IssuerKey =>
    k.status === "active"
      ? { ...k, status: "retired", notAfter: at, comment: `Retired ${at} by key rotation; replaced by ${entry.kid}` }
      : k,
  );
  return { ...set, keys: [...keys, { ...entry, notBefore: at, status: "active" }] };
}

/** Marks `kid` compromised (notAfter = `at`, or its earlier notAfter) (pure). */
export function compromiseKeySet(set: KeySet, kid: string, at: string, comment?: string): KeySet {
  return {
    ...set,
    keys: set.keys.map((k) =>
      k.kid === kid
        ? {
            ...k,
            status: "compromised" as const,
            notAfter: k.notAfter && Date.parse(k.notAfter) < Date.parse(at) ? k.notAfter : at,
            comment: comment ?? `Marked compromised ${at}`,
          }
        : k,
    ),
  };
}
