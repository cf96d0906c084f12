/**
 * The one failure convention of pure code (domain, lib, adapters' pure parts): a function that can
 * fail on bad input returns a {@link Result} instead of throwing, with a stable `code` the caller
 * switches on. At the HTTP edge the services turn a failed Result into an `AppError` with the same
 * code (src/errors.ts), and `app.onError` into problem+json. `null` is kept for "not found" only.
 */

/** A failure: a stable machine code and a plain-language message, plus any details. */
export interface Failure<C extends string = string> {
  code: C;
  message: string;
}

/** Success with a value, or a failure. */
export type Result<T, F extends Failure = Failure> = { ok: true; value: T } | { ok: false; error: F };

/** A successful Result. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A failed Result. */
export const fail = <F extends Failure>(error: F): { ok: false; error: F } => ({ ok: false, error });
