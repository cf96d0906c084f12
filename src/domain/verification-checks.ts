/**
 * The checks every verification reports, shared by the Data Integrity and VC-JWT verifiers, split
 * by responsibility: the result builder (check-results), what verification needs (verify-deps),
 * register and issuer key (record-checks), validity and status (validity-status-checks).
 */
export { Checks } from "./check-results";
export { checkIsCertificate, checkIssuerKey, checkRecord, isCertificateType } from "./record-checks";
export { checkStatusEntries, checkValidity, parseDate } from "./validity-status-checks";
export type { IssuedRecord, StatusOutcome, VerifyDeps } from "./verify-deps";
