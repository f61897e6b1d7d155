import { toDayNumber } from '@pm/domain';
import type { Period } from '@pm/projections/analytics/period';
import type { PersonHistory } from './compact-history';

interface Year {
  year: string;
  first: number;
  last: number;
}

/** A window as day numbers, cut into calendar years. */
export interface WindowDays {
  first: number;
  last: number;
  years: Year[];
}

export function windowDays(window: Period): WindowDays {
  const years: Year[] = [];
  for (let y = Number(window.from.slice(0, 4)); y <= Number(window.to.slice(0, 4)); y++) {
    const year = String(y).padStart(4, '0');
    years.push({ year, first: toDayNumber(`${year}-01-01`), last: toDayNumber(`${year}-12-31`) });
  }
  return { first: toDayNumber(window.from), last: toDayNumber(window.to), years };
}

/**
 * Days employed within the window, from the hire date through the separation, the last day (as
 * the attrition statistics count them), split by org and by calendar year: `count(orgId, year, days)`.
 */
export function employedDays(
  person: PersonHistory,
  separationDay: number | undefined,
  window: WindowDays,
  count: (orgId: string, year: string, days: number) => void,
): void {
  const first = Math.max(person.hireDay, window.first);
  const last = separationDay === undefined ? window.last : Math.min(separationDay, window.last);
  person.orgs.forEach((stint, i) => {
    const next = person.orgs[i + 1];
    const from = Math.max(stint.fromDay, first);
    const to = next ? Math.min(next.fromDay - 1, last) : last;
    for (const year of window.years) {
      const days = Math.min(to, year.last) - Math.max(from, year.first) + 1;
      if (days > 0) count(stint.orgId, year.year, days);
    }
  });
}
