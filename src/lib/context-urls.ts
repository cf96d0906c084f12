/** The JSON-LD context URLs WeGO credentials use (their documents are bundled by adapters/jsonld). */

/** W3C Verifiable Credentials Data Model 2.0 context. */
export const VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/** 1EdTech Open Badges 3.0 context, version 3.0.3. */
export const OB_V3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
