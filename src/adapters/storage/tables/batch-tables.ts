/** Row types of the D1 tables (mirror `migrations/*.sql`): cohort uploads (batches) and their rows. */

export interface BatchTable {
  id: string;
  created_at: string;
  created_by: string;
  source: "csv" | "json" | "xlsx";
  total: number;
  invalid: number;
  /** 1 when each issued certificate is emailed to its participant. */
  notify: number;
}

export interface BatchRowTable {
  batch_id: string;
  line: number;
  external_id: string | null;
  payload: string | null;
  state: "pending" | "issued" | "existing" | "failed";
  certificate_id: string | null;
  error: string | null;
}
