/**
 * A number as PDF writes it: integers plainly, others with at most 4 decimals (no exponent notation).
 * Apart from pdf-writer.ts so that the QR code, also drawn by the console, does not load pdf-lib at
 * start-up (about 20 ms of every isolate's start-up CPU).
 */
export function num(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = n.toFixed(4);
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--;
  if (s.charCodeAt(end - 1) === 46) end--;
  const out = s.slice(0, end);
  return out === "-0" ? "0" : out;
}
