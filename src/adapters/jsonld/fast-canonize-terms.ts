/**
 * The IRIs and datatypes the fast canonicalizer (`./fast-canonize.ts`) emits, as `jsonld` expands
 * the terms of the bundled VC 2.0 and OB 3.0.3 contexts (checked against the generic output by
 * `test/unit/fast-canon.test.ts`).
 */
export const RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
const CRED = "https://www.w3.org/2018/credentials#";
const OBV = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
const SCHEMA = "https://schema.org/";
const SEC = "https://w3id.org/security#";
const STATUS = "https://www.w3.org/ns/credentials/status#";
/** VC 2.0 context's `xsd` prefix. */
const XSD = "http://www.w3.org/2001/XMLSchema#";
/** OB 3.0.3 context's `xsd` prefix (sic: https). */
const OB_XSD = "https://www.w3.org/2001/XMLSchema#";

/** An IRI as an N-Quads term. */
const term = (iri: string): string => `<${iri}>`;

export const P = {
  // VC 2.0 (https://www.w3.org/TR/vc-data-model-2.0/ §B.1 context)
  credentialSubject: term(CRED + "credentialSubject"),
  credentialStatus: term(CRED + "credentialStatus"),
  issuer: term(CRED + "issuer"),
  validFrom: term(CRED + "validFrom"),
  validUntil: term(CRED + "validUntil"),
  name: term(SCHEMA + "name"),
  description: term(SCHEMA + "description"),
  url: term(SCHEMA + "url"),
  keywords: term(SCHEMA + "keywords"),
  // Data Integrity
  created: term("http://purl.org/dc/terms/created"),
  cryptosuite: term(SEC + "cryptosuite"),
  verificationMethod: term(SEC + "verificationMethod"),
  proofPurpose: term(SEC + "proofPurpose"),
  // Bitstring Status List
  statusPurpose: term(STATUS + "statusPurpose"),
  statusListIndex: term(STATUS + "statusListIndex"),
  statusListCredential: term(STATUS + "statusListCredential"),
  encodedList: term(STATUS + "encodedList"),
  // OB 3.0.3
  official: term(OBV + "official"),
  achievement: term(OBV + "achievement"),
  achievementType: term(OBV + "achievementType"),
  activityStartDate: term(OBV + "activityStartDate"),
  activityEndDate: term(OBV + "activityEndDate"),
  identifier: term(OBV + "identifier"),
  identityHash: term(OBV + "identityHash"),
  identityType: term(OBV + "identityType"),
  hashed: term(OBV + "hashed"),
  salt: term(OBV + "salt"),
  /** OB 3.0.3 maps the `criteria` property to the class-like IRI `…#Criteria`. */
  criteria: term(OBV + "Criteria"),
  narrative: term(OBV + "narrative"),
  fieldOfStudy: term(OBV + "fieldOfStudy"),
  creator: term(OBV + "creator"),
  image: term(OBV + "image"),
  caption: term(SCHEMA + "caption"),
} as const;

export const T = {
  VerifiableCredential: term(CRED + "VerifiableCredential"),
  OpenBadgeCredential: term(OBV + "OpenBadgeCredential"),
  Profile: term(OBV + "Profile"),
  Image: term(OBV + "Image"),
  AchievementSubject: term(OBV + "AchievementSubject"),
  Achievement: term(OBV + "Achievement"),
  IdentityObject: term(OBV + "IdentityObject"),
  BitstringStatusListEntry: term(STATUS + "BitstringStatusListEntry"),
  BitstringStatusListCredential: term(STATUS + "BitstringStatusListCredential"),
  BitstringStatusList: term(STATUS + "BitstringStatusList"),
  DataIntegrityProof: term(SEC + "DataIntegrityProof"),
} as const;

export const DT = {
  dateTime: `^^<${XSD}dateTime>`,
  obDate: `^^<${OB_XSD}date>`,
  obBoolean: `^^<${OB_XSD}boolean>`,
  obAnyUri: `^^<${OB_XSD}anyURI>`,
  cryptosuiteString: `^^<${SEC}cryptosuiteString>`,
  multibase: `^^<${SEC}multibase>`,
} as const;

/** `proofPurpose` is `@type: @vocab`; only this value is handled here. */
export const ASSERTION_METHOD = term(SEC + "assertionMethod");

// Upper bounds on array lengths taken by the fast path (bigger arrays go to the generic path).
export const MAX_TAGS = 512;
export const MAX_IDENTIFIERS = 32;
export const MAX_STATUS_ENTRIES = 32;
