/**
 * Why WeGO revoked or suspended a certificate, as employers see it: one of a short list, shown
 * translated on the public pages and returned as a code by the verification API. The free-text
 * note staff add is internal (admin API and audit log only) and never reaches a public answer.
 */

/** The public reasons, as stored in `certificates.status_reason` (migration 0014). */
export const PUBLIC_REASONS = ["issued-in-error", "replaced", "withdrawn", "under-review"] as const;

/** One public reason. */
export type PublicReason = (typeof PUBLIC_REASONS)[number];

/** True for a known public reason code (anything else is never shown). */
export function isPublicReason(v: unknown): v is PublicReason {
  return typeof v === "string" && (PUBLIC_REASONS as readonly string[]).includes(v);
}
