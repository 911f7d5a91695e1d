/**
 * GB 11643-1999 citizen identity numbers: 6-digit area code, 8-digit birth date,
 * 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = "10X98765432";
const ID_PATTERN = /^\d{17}[\dX]$/;

export type IdCardResult = { valid: boolean; birthDate?: string; gender?: "M" | "F" };

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

/** `today` is a YYYY-MM-DD calendar date in Asia/Shanghai; a lowercase x is accepted as X. */
export function validateIdCard(id: string, today: string): IdCardResult {
  if (typeof id !== "string") return { valid: false };
  const value = id.trim().toUpperCase();
  if (!ID_PATTERN.test(value)) return { valid: false };
  if (idCheckChar(value.slice(0, 17)) !== value[17]) return { valid: false };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < 1900 || !isRealDate(y, m, d)) return { valid: false };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > today) return { valid: false };
  const gender = Number(value[16]) % 2 === 1 ? "M" : "F";
  return { valid: true, birthDate, gender };
}

/** First 6 and last 4 shown, as lists and exports require; 10 characters or fewer are masked entirely. */
export function maskIdCard(id: string): string {
  if (id.length <= 10) return "*".repeat(id.length);
  return `${id.slice(0, 6)}${"*".repeat(id.length - 10)}${id.slice(-4)}`;
}

/** First 3 and last 4 digits of a phone number shown (138****5678); 7 characters or fewer are masked entirely. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return "*".repeat(phone.length);
  return `${phone.slice(0, 3)}${"*".repeat(phone.length - 7)}${phone.slice(-4)}`;
}
