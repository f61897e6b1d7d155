import { daysBetween } from '@pm/domain';

/** A span of business dates, both ends included. */
export interface Period {
  from: string;
  to: string;
}

export function periodDays(period: Period): number {
  const days = daysBetween(period.from, period.to) + 1;
  if (days < 1) throw new RangeError(`The period ends (${period.to}) before it starts (${period.from})`);
  return days;
}

export const within = (date: string, period: Period): boolean => date >= period.from && date <= period.to;
