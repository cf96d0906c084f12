/** Row types of the D1 tables (mirror `migrations/*.sql`): messages to participants (migration 0007). */

/** Why a message is sent; `revoked` (migration 0016) is the notice staff may ask for on revocation. */
export type DeliveryKind = "issued" | "reissued" | "resend" | "lookup" | "revoked";

/** One message the service means to send, and what became of it. */
export interface DeliveryTable {
  id: string;
  dedupe_key: string;
  certificate_id: string | null;
  kind: DeliveryKind;
  language: "en" | "ko";
  status: "queued" | "sent" | "failed";
  attempts: number;
  last_error: string | null;
  email_index: string | null;
  lease_until: string | null;
  requested_by: string;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}
