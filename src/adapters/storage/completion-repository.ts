/**
 * Completions: the claims that make each completion issue at most once, and the event log staff
 * review. A completion's statements run in one D1 batch (an implicit transaction): the message
 * claim, the enrolment claim, the certificate, its audit entry and the event row are all written
 * together, or the batch fails as a whole.
 */
import type { ErrorCode } from "../../errors";
import { sql, type Compilable, type RawBuilder } from "kysely";
import { auditInsertIf, type AuditEntry } from "./audit-repository";
import { certificateInsertIf, type CertificateRow } from "./certificate-repository";
import { unavailableOnError, type CompletionEventTable, type Store } from "./database";

/** An event as read back. */
export type CompletionEventRow = Omit<CompletionEventTable, "seq"> & { seq: number };

/** Fields of an event row (outcome decided by the caller or, for issuance, inside the batch). */
export interface EventFields {
  sourceId: string;
  channel: CompletionEventRow["channel"];
  messageId: string | null;
  enrolment: string | null;
  course: string | null;
  receivedAt: string;
  requestId: string | null;
}

function claimed(sourceId: string, key: string): RawBuilder<string | null> {
  return sql<
    string | null
  >`(SELECT certificate_id FROM completion_claims WHERE source_id = ${sourceId} AND claim_key = ${key})`;
}

function eventValues(e: EventFields) {
  return {
    source_id: e.sourceId,
    channel: e.channel,
    message_id: e.messageId,
    enrolment: e.enrolment,
    course: e.course,
    received_at: e.receivedAt,
    request_id: e.requestId,
  };
}

/** INSERT of an event whose outcome is known (rejections). */
export function eventInsert(
  store: Store,
  e: EventFields,
  outcome: { outcome: CompletionEventRow["outcome"]; code?: ErrorCode; reason?: string; certificateId?: string },
) {
  return store.db.insertInto("completion_events").values({
    ...eventValues(e),
    outcome: outcome.outcome,
    code: outcome.code ?? null,
    reason: outcome.reason ?? null,
    certificate_id: outcome.certificateId ?? null,
  });
}

/**
 * The statements issuing `row` for a completion at most once per message key and per enrolment key:
 * 1. claim the message key for this certificate (ignored if the message was seen);
 * 2. claim the enrolment key, only if this batch owns the message key;
 * 3. if the enrolment belongs to an earlier certificate, point the message key at it;
 * 4-5. the certificate and its audit entry, only if this batch owns the enrolment key;
 * 6. the event row: `issued` if the certificate went in, else `duplicate` naming the earlier one.
 * Concurrent duplicates are decided by the claims' PRIMARY KEY.
 */
export function completionStatements(
  store: Store,
  keys: { message: string; enrolment: string },
  row: CertificateRow,
  audit: AuditEntry,
  event: EventFields,
): Compilable[] {
  const s = event.sourceId;
  const at = event.receivedAt;
  const won = sql<boolean>`${claimed(s, keys.enrolment)} = ${row.id}`;
  return [
    store.db
      .insertInto("completion_claims")
      .values({ source_id: s, claim_key: keys.message, certificate_id: row.id, created_at: at })
      .onConflict((oc) => oc.columns(["source_id", "claim_key"]).doNothing()),
    store.db
      .insertInto("completion_claims")
      .columns(["source_id", "claim_key", "certificate_id", "created_at"])
      .expression(
        store.db
          .selectNoFrom([
            sql<string>`${s}`.as("source_id"),
            sql<string>`${keys.enrolment}`.as("claim_key"),
            sql<string>`${row.id}`.as("certificate_id"),
            sql<string>`${at}`.as("created_at"),
          ])
          .where(sql<boolean>`${claimed(s, keys.message)} = ${row.id}`),
      )
      .onConflict((oc) => oc.columns(["source_id", "claim_key"]).doNothing()),
    store.db
      .updateTable("completion_claims")
      .set({ certificate_id: sql<string>`${claimed(s, keys.enrolment)}` })
      .where("source_id", "=", s)
      .where("claim_key", "=", keys.message)
      .where("certificate_id", "=", row.id)
      .where(sql<boolean>`${claimed(s, keys.enrolment)} != ${row.id}`),
    certificateInsertIf(store, row, won),
    auditInsertIf(store, audit, won),
    store.db
      .insertInto("completion_events")
      .columns([
        "source_id",
        "channel",
        "message_id",
        "enrolment",
        "course",
        "received_at",
        "request_id",
        "outcome",
        "certificate_id",
      ])
      .expression(
        store.db.selectNoFrom([
          ...Object.entries(eventValues(event)).map(([k, v]) => sql`${v}`.as(k)),
          sql<string>`CASE WHEN ${won} THEN 'issued' ELSE 'duplicate' END`.as("outcome"),
          sql<string | null>`${claimed(s, keys.message)}`.as("certificate_id"),
        ] as never),
      ),
  ];
}

/** The certificate a message key names (after a batch: the issued or the earlier certificate). */
export async function claimedCertificate(store: Store, sourceId: string, key: string): Promise<string | undefined> {
  const row = await unavailableOnError(() =>
    store.db
      .selectFrom("completion_claims")
      .select("certificate_id")
      .where("source_id", "=", sourceId)
      .where("claim_key", "=", key)
      .executeTakeFirst(),
  );
  return row?.certificate_id;
}

/** Latest events, newest first, optionally for one source or outcome, continuing below `beforeSeq`. */
export async function listEvents(
  store: Store,
  opts: { limit: number; beforeSeq?: number; sourceId?: string; outcome?: string },
): Promise<CompletionEventRow[]> {
  return unavailableOnError(() => {
    let q = store.db.selectFrom("completion_events").selectAll().orderBy("seq", "desc").limit(opts.limit);
    if (opts.beforeSeq !== undefined) q = q.where("seq", "<", opts.beforeSeq);
    if (opts.sourceId) q = q.where("source_id", "=", opts.sourceId);
    if (opts.outcome) q = q.where("outcome", "=", opts.outcome as CompletionEventRow["outcome"]);
    return q.execute();
  });
}
