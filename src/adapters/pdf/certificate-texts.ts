/** The fixed texts of the certificate, per certificate language, and date formatting. */
import type { AchievementRecord } from "../../domain/types";

/** Languages a certificate can be printed in. */
export type CertificateLanguage = "en" | "ko";

/** Fixed texts of one language. */
export interface CertificateTexts {
  lang: CertificateLanguage;
  organization: string;
  title: Record<AchievementRecord["kind"], string>;
  certify: string;
  statement: Record<AchievementRecord["kind"], string>;
  signatoryName: string;
  signatoryTitle: string;
  completedOn: (date: string, kind: AchievementRecord["kind"]) => string;
  programmeDates: (from: string, to: string) => string;
  issuedOn: (date: string) => string;
  validUntil: (date: string) => string;
  verifyAt: string;
  code: string;
  certificateId: string;
  themes: string;
  formatDate: (value: Date | string) => string;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** [year, month 1–12, day] of a Date (UTC) or a `YYYY-MM-DD…` string; undefined for other strings. */
function ymd(value: Date | string): [number, number, number] | undefined {
  if (typeof value !== "string") return [value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()];
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** `27 November 2026` from a Date (UTC) or a `YYYY-MM-DD…` string; other strings are returned as they are. */
export function formatDate(value: Date | string): string {
  const d = ymd(value);
  return d ? `${d[2]} ${MONTHS[d[1] - 1]} ${d[0]}` : String(value);
}

/** `2026년 11월 27일`. */
function formatDateKo(value: Date | string): string {
  const d = ymd(value);
  return d ? `${d[0]}년 ${d[1]}월 ${d[2]}일` : String(value);
}

export const ENGLISH: CertificateTexts = {
  lang: "en",
  organization: "World Smart Sustainable Cities Organization (WeGO)",
  title: { online: "Certificate of Completion", workshop: "Certificate of Participation" },
  certify: "This is to certify that",
  statement: { online: "has successfully completed", workshop: "has participated in" },
  signatoryName: "Park Jung Sook",
  signatoryTitle: "Secretary General",
  completedOn: (d) => `Completed on ${d}`,
  programmeDates: (from, to) => `Programme dates: ${from} – ${to}`,
  issuedOn: (d) => `Issued on ${d}`,
  validUntil: (d) => `Valid until ${d}`,
  verifyAt: "Verify at",
  code: "Verification code",
  certificateId: "Certificate ID",
  themes: "Themes",
  formatDate,
};

export const KOREAN: CertificateTexts = {
  lang: "ko",
  organization: "세계스마트지속가능도시기구 (WeGO)",
  title: { online: "수료증", workshop: "참가 증명서" },
  certify: "위 사람은",
  statement: { online: "위 과정을 성실히 수료하였음을 증명합니다.", workshop: "위 행사에 참가하였음을 증명합니다." },
  signatoryName: "박정숙",
  signatoryTitle: "사무총장",
  completedOn: (d, kind) => `${kind === "online" ? "수료일" : "참가일"}: ${d}`,
  programmeDates: (from, to) => `교육 기간: ${from} – ${to}`,
  issuedOn: (d) => `발급일: ${d}`,
  validUntil: (d) => `유효기간: ${d}까지`,
  verifyAt: "진위 확인",
  code: "확인 코드",
  certificateId: "인증서 ID",
  themes: "주제",
  formatDate: formatDateKo,
};

/** The texts of a certificate language. */
export function certificateTexts(lang: CertificateLanguage = "en"): CertificateTexts {
  return lang === "ko" ? KOREAN : ENGLISH;
}

/** The programme title: the part of the achievement name before ": ", e.g. "WeGO … Champions 2023". */
export function programTitle(achievementName: string): string {
  const i = achievementName.indexOf(": ");
  return i > 0 ? achievementName.slice(0, i) : achievementName;
}

/** The phase: the part after ": " with a capital first letter ("Online lectures", "Baku workshop"). */
export function phaseTitle(achievementName: string): string {
  const i = achievementName.indexOf(": ");
  const phase = i > 0 ? achievementName.slice(i + 2) : "";
  return phase.charAt(0).toUpperCase() + phase.slice(1);
}

/** "Certificate of Completion" (online) or "Certificate of Participation" (workshop). */
export function certificateTitle(kind: AchievementRecord["kind"]): string {
  return ENGLISH.title[kind];
}
