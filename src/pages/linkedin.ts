/**
 * LinkedIn "Add to profile" link for a certification (LinkedIn Add to Profile for Certifications:
 * https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=…&organizationName=…
 * &issueYear=… (or organizationId=… for a company page)&issueMonth=…&expirationYear=…&expirationMonth=…&certUrl=…&certId=…). It pre-fills
 * the form only; the member confirms on LinkedIn.
 */

/** What the link pre-fills. */
export interface LinkedInCertification {
  name: string;
  organizationName: string;
  /** LinkedIn company page id of the issuer: the profile then shows WeGO's logo and links to its page. */
  organizationId?: string;
  issued: Date;
  expires?: Date;
  certUrl: string;
  certId: string;
}

/** Builds the add-to-profile URL (months are 1-12, in UTC like every date on the certificate). */
export function linkedInAddToProfileUrl(c: LinkedInCertification): string {
  const u = new URL("https://www.linkedin.com/profile/add");
  u.searchParams.set("startTask", "CERTIFICATION_NAME");
  u.searchParams.set("name", c.name);
  u.searchParams.set("organizationName", c.organizationName);
  // With the company id LinkedIn links the certification to WeGO's page and shows its logo.
  if (c.organizationId) u.searchParams.set("organizationId", c.organizationId);
  u.searchParams.set("issueYear", String(c.issued.getUTCFullYear()));
  u.searchParams.set("issueMonth", String(c.issued.getUTCMonth() + 1));
  if (c.expires) {
    u.searchParams.set("expirationYear", String(c.expires.getUTCFullYear()));
    u.searchParams.set("expirationMonth", String(c.expires.getUTCMonth() + 1));
  }
  u.searchParams.set("certUrl", c.certUrl);
  u.searchParams.set("certId", c.certId);
  return u.toString();
}
