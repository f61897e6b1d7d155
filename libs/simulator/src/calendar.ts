import { fromDayNumber, toDayNumber } from '@pm/domain';

/** One semi-annual review cycle and the working window that ends with its calibration. */
export interface ReviewWindow {
  cycleId: string;
  name: string;
  periodStart: number;
  periodEnd: number;
  /** Ratings are proposed in the week before; people active on this day are rated. */
  reviewStart: number;
  /** The calibration session, finalization and delivery of final ratings. */
  calibrationDay: number;
}

/** Days from the end of a period: reviews are written in its last weeks, calibrated two weeks after. */
const REVIEW_BEFORE_PERIOD_END = 7;
const CALIBRATION_AFTER_PERIOD_END = 14;

/** `date` plus whole calendar months, the day clamped to the month's last. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export function reviewWindows(startDate: string, years: number, seed: number): ReviewWindow[] {
  return Array.from({ length: years * 2 }, (_, k) => {
    const periodStart = toDayNumber(addMonths(startDate, 6 * k));
    const periodEnd = toDayNumber(addMonths(startDate, 6 * (k + 1))) - 1;
    const start = fromDayNumber(periodStart);
    const half = Number(start.slice(5, 7)) <= 6 ? 'H1' : 'H2';
    return {
      cycleId: `${start.slice(0, 4)}-${half}-s${seed}`,
      name: `${start.slice(0, 4)} ${half} performance review`,
      periodStart,
      periodEnd,
      reviewStart: periodEnd - REVIEW_BEFORE_PERIOD_END,
      calibrationDay: periodEnd + CALIBRATION_AFTER_PERIOD_END,
    };
  });
}

const dates = new Map<number, string>();
const instants = new Map<number, string>();

/** `YYYY-MM-DD` of a day number, cached: the simulation asks for the same few thousand days often. */
export function dateOf(day: number): string {
  let date = dates.get(day);
  if (date === undefined) {
    date = fromDayNumber(day);
    dates.set(day, date);
  }
  return date;
}

/** Midnight UTC of a business day, as the API stamps a date-only occurredAt. */
export function instantOf(day: number): string {
  let instant = instants.get(day);
  if (instant === undefined) {
    instant = `${dateOf(day)}T00:00:00.000Z`;
    instants.set(day, instant);
  }
  return instant;
}
