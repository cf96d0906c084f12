/**
 * Compile-time checks on a translated catalogue: every key of the English catalogue present, no
 * other key, and each message with exactly the English message's `{placeholders}` (a translation
 * that drops `{date}` or invents `{datum}` is a type error, not a blank on the page).
 */
import type { en, MessageKey, Messages } from "./en";

/** The `{name}` placeholders of a message, as a union of names. */
type Holes<S extends string> = S extends `${string}{${infer P}}${infer R}` ? P | Holes<R> : never;

/** `S` when it has the same placeholders as the English message `K`, else a type naming the problem. */
type Translation<K extends MessageKey, S> = S extends string
  ? [Holes<S>] extends [Holes<(typeof en)[K]>]
    ? [Holes<(typeof en)[K]>] extends [Holes<S>]
      ? S
      : `missing placeholder {${Exclude<Holes<(typeof en)[K]>, Holes<S>>}}`
    : `unknown placeholder {${Exclude<Holes<S>, Holes<(typeof en)[K]>>}}`
  : string;

/** What a catalogue must be, given its own literal type `T`. */
type Complete<T> = { readonly [K in MessageKey]: Translation<K, K extends keyof T ? T[K] : never> };

/** Declares a translated catalogue; the checks above run when it compiles. */
export function catalogue<const T extends Complete<T>>(
  messages: T & { readonly [X in Exclude<keyof T, MessageKey>]: never },
): Messages {
  return messages;
}
