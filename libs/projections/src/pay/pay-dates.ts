/** Business dates (`YYYY-MM-DD`, UTC calendar) and integer-cent rounding for the pay arithmetic. */

const DAY_MS = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => iso(utc(date) + days * DAY_MS);

/** Days from `from` to `to` counted inclusively (0 when `to` is before `from`). */
export const daysInclusive = (from: string, to: string): number => Math.max(0, Math.round((utc(to) - utc(from)) / DAY_MS) + 1);

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
export const daysInYear = (year: number): number => (isLeapYear(year) ? 366 : 365);
export const yearOf = (date: string): number => Number(date.slice(0, 4));

/**
 * `date` plus whole calendar months; a day the target month does not have is its last day
 * (2024-01-31 + 1 month = 2024-02-29).
 */
export function addMonths(date: string, months: number): string {
  // Plain arithmetic on the string, no Date: replays call this for every vest of every grant.
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const day = Math.min(Number(date.slice(8, 10)), month === 1 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month]);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `numerator / denominator` rounded half up (away from zero for negatives), both integers, denominator > 0. */
export function roundDiv(numerator: number, denominator: number): number {
  if (numerator < 0) return -roundDiv(-numerator, denominator);
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

/**
 * A cent amount computed in floating point (units × value × share, a growth factor) rounded half
 * up to the cent, after dropping float noise below 1/10,000 of a cent (0.05 is not exact in
 * binary, so 2,000,000 × 0.05 must not read as 99,999.999…).
 */
export const roundCents = (value: number): number => roundDiv(Math.round(value * 10_000), 10_000);

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);
