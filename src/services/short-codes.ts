/** Short verification codes: given to certificates once, looked up from what people type. */
import { claimCode, findCertificateIdByCode, findCodeOfCertificate } from "../adapters/storage/code-repository";
import { newShortCode, parseShortCode, type ShortCodeProblem } from "../domain/short-code";
import { ok, type Failure, type Result } from "../lib/result";
import { AppError } from "../errors";
import type { AppDeps } from "./context";

/** Attempts at a free code before giving up (each collides with probability n / 2^35). */
const ATTEMPTS = 8;

/**
 * The certificate's code, given on first use and stored: every later render prints the same code.
 * @throws {AppError} ERR_UNAVAILABLE when no free code was found (practically impossible) or D1 fails.
 */
export async function shortCodeOf(deps: AppDeps, certificateId: string): Promise<string> {
  const existing = await findCodeOfCertificate(deps.store, certificateId);
  if (existing) return existing;
  for (let i = 0; i < ATTEMPTS; i++) {
    const code = newShortCode(deps.random(7));
    const claimed = await claimCode(deps.store, {
      code,
      certificate_id: certificateId,
      created_at: deps.clock().toISOString(),
    });
    if (claimed) return claimed;
  }
  throw new AppError("ERR_UNAVAILABLE", "no free verification code was found; try again");
}

/** Result of {@link findByShortCode}. */
export type ShortCodeLookup = Result<{ code: string; certificateId?: string }, Failure<ShortCodeProblem>>;

/** Reads a typed code and finds its certificate (certificateId undefined: a valid code nobody has). */
export async function findByShortCode(deps: AppDeps, input: string): Promise<ShortCodeLookup> {
  const parsed = parseShortCode(input);
  if (!parsed.ok) return parsed;
  return ok({ code: parsed.value, certificateId: await findCertificateIdByCode(deps.store, parsed.value) });
}
