/**
 * SQL for realistic copies of one stored certificate, used to grow a database to N certificates
 * for restore timings (test/integration/restore-timing.test.ts, bench/restore-drill.ts).
 */

/** The id of copy number `seq.i`. */
const COPY_ID = "'copy' || printf('%018d', i)";

/**
 * SELECT expressions making copy number `seq.i` of certificate ?3 (proofValue ?4), column by
 * column: each copy gets its own id, name, status slot, proof and VC-JWT, so copies compress no
 * better than real certificates do.
 */
function copyExpressions(columns: string[]): string {
  const copyId = COPY_ID;
  const made: Record<string, string> = {
    id: copyId,
    recipient_name: "recipient_name || ' ' || i",
    search_name: "search_name || ' ' || i",
    external_id: "NULL",
    // A slot of its own (UNIQUE (status_list, status_index)), in a list number no real one uses.
    status_list: "1000",
    status_index: "i",
    credential: `replace(replace(credential, ?3, ${copyId}), ?4, 'z' || lower(hex(randomblob(43))))`,
    // Each real VC-JWT encodes its own id and name in base64, which gzip cannot share between rows.
    vc_jwt: "lower(hex(randomblob(length(vc_jwt) / 2)))",
  };
  return columns.map((c) => made[c] ?? c).join(", ");
}

/**
 * One D1 batch of copies `from`..`to` (inclusive) of certificate `modelId` (whose proofValue is
 * `proofValue`) among `columns`, each with its own issuance audit row, as issuance writes them.
 */
export function copyStatements(
  db: D1Database,
  columns: string[],
  [from, to]: [number, number],
  modelId: string,
  proofValue: string,
): D1PreparedStatement[] {
  const seq = "WITH RECURSIVE seq(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?2)";
  return [
    db
      .prepare(
        `${seq} INSERT INTO certificates (${columns.join(", ")})
         SELECT ${copyExpressions(columns)} FROM certificates, seq WHERE id = ?3`,
      )
      .bind(from, to, modelId, proofValue),
    db
      .prepare(
        `${seq} INSERT INTO audit_log (at, actor, action, target, request_id, summary)
         SELECT at, actor, action, ${COPY_ID}, request_id, summary
         FROM audit_log, seq WHERE target = ?3 AND action = 'certificate.issue'`,
      )
      .bind(from, to, modelId),
  ];
}
