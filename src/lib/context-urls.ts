/** The JSON-LD context URLs WeGO credentials use (their documents are bundled by adapters/jsonld). */

/** W3C Verifiable Credentials Data Model 2.0 context. */
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/** 1EdTech Open Badges 3.0 context, version 3.0.3. */
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/** W3C Verifiable Credentials Data Model 1.1 context (VC 1.1 §4.1). */
export const VC_V1_CONTEXT = "https://www.w3.org/2018/credentials/v1";

/** VC Data Integrity 1.0 context: `DataIntegrityProof` and its terms, for VC 1.1 credentials. */
export const DATA_INTEGRITY_V2_CONTEXT = "https://w3id.org/security/data-integrity/v2";

/** Bitstring Status List 1.0 context (§2.1): `BitstringStatusListEntry` terms for VC 1.1 credentials. */
export const STATUS_V1_CONTEXT = "https://www.w3.org/ns/credentials/status/v1";
