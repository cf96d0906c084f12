/** Row types of the D1 tables (mirror `migrations/*.sql`): messages to participants (migration 0007). */

/** Kinds of message (migration 0007). */
export type DeliveryKind = "issued" | "reissued" | "resend" | "lookup";

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
