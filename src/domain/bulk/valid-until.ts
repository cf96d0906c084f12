/** `validUntil` as bulk rows and single issuance accept it (one rule for every entry point). */

/** 2^32 s after the Unix epoch (2106-02-07T06:28:16Z): the first instant the QR token cannot state. */
export const MAX_TOKEN_TIME_MS = 2 ** 32 * 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses `validUntil` to a UTC ISO string, or null when invalid. A time zone is required, as VC 2.0
 * `validUntil` is an xsd:dateTimeStamp; a bare date means the end of that day in UTC.
 */
export function parseValidUntil(text: string): string | null {
  const d = DATE.exec(text);
  if (d)
    return isRealDate(+d[1]!, +d[2]!, +d[3]!) && Date.parse(`${text}T23:59:59Z`) < MAX_TOKEN_TIME_MS
      ? `${text}T23:59:59Z`
      : null;
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  const zone = m[8]!;
  if (zone !== "Z") {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const millis = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, millis);
  // The QR token carries dates as uint32 Unix seconds (README, "The QR code"): later dates cannot be
  // stated there, and years past 9999 are not xsd:dateTime. Both are refused, not wrapped.
  if (Number.isNaN(date.getTime()) || date.getTime() >= MAX_TOKEN_TIME_MS) return null;
  return date.toISOString().replace(".000Z", "Z");
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // month length in a leap year
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && !leap ? 28 : days);
}
