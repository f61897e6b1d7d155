import type { WorkforceRecord } from '../workforce/workforce-record';
import { compareText } from './compare';
import { within, type Period } from './period';
import { round } from './rounding';
import { suppressSmallGroups } from './suppression';

export type AdverseOutcome = 'focus' | 'pivot' | 'separation' | 'involuntarySeparation';

export interface AdverseImpactQuery extends Period {
  /** The attribute's label (e.g. `gender`), echoed in the report. */
  attribute: string;
  outcome: AdverseOutcome;
  minGroupSize: number;
  /** Also suppress the smallest reported groups until the suppressed ones count at least `minGroupSize` together (ADR 010). */
  complementary?: boolean;
}

export interface AdverseImpactGroup {
  value: string;
  population: number;
  affected: number;
  rate: number;
  impactRatio: number;
  flagged: boolean;
}

export interface AdverseImpactReport {
  attribute: string;
  outcome: AdverseOutcome;
  from: string;
  to: string;
  groups: AdverseImpactGroup[];
  /** Suppressed groups by name and size: for compliance and admin; analysts get `suppressedGroups` only. */
  suppressed: Array<{ value: string; population: number }>;
  /** How many groups are suppressed. */
  suppressedGroups: number;
  /** Population whose attribute could not be read (none recorded, or erased). */
  unknown: number;
  rule: string;
}

const AFFECTED: Record<AdverseOutcome, (record: WorkforceRecord, period: Period) => boolean> = {
  focus: (r, period) => r.focusCases.some((c) => within(c.startDate, period)),
  pivot: (r, period) => r.pivotCases.some((c) => within(c.startDate, period)),
  separation: (r, period) => r.separation !== undefined && within(r.separation.date, period),
  involuntarySeparation: (r, period) => r.separation?.type === 'involuntary' && within(r.separation.date, period),
};

/**
 * Rates of an adverse outcome per value of a group attribute, under the four-fifths rule.
 *
 * - population: employees employed at some time in [from, to] (hired on or before `to`, separation
 *   date, if any, on or after `from`), split by `attributeOf(employeeId)`; those it cannot read
 *   are counted in `unknown` and in no group.
 * - affected: those with the outcome in the period (a Focus or Pivot started, a separation, an
 *   involuntary separation); rate = affected / population (4 decimals).
 * - impactRatio = lowest rate among reported groups / this group's rate, 1 when this rate is 0;
 *   flagged when it is below 0.8, decided on the exact counts, not on rounded rates.
 * - groups with population < minGroupSize are suppressed: listed with their population only,
 *   and not used as the reference rate. With `complementary`, the smallest reported groups are
 *   suppressed too while the suppressed groups count fewer than minGroupSize people together.
 */
export function adverseImpact(
  records: readonly WorkforceRecord[],
  attributeOf: (employeeId: string) => string | undefined,
  query: AdverseImpactQuery,
): AdverseImpactReport {
  const { attribute, outcome, from, to, minGroupSize, complementary } = query;
  const period = { from, to };
  const counts = new Map<string, { population: number; affected: number }>();
  let unknown = 0;
  for (const record of records) {
    if (record.hireDate > to || (record.separation && record.separation.date < from)) continue;
    const value = attributeOf(record.employeeId);
    if (value === undefined) {
      unknown++;
      continue;
    }
    const count = counts.get(value) ?? { population: 0, affected: 0 };
    counts.set(value, { population: count.population + 1, affected: count.affected + (AFFECTED[outcome](record, period) ? 1 : 0) });
  }

  const sorted = [...counts].sort(([a], [b]) => compareText(a, b)).map(([value, count]) => ({ value, ...count }));
  const { shown: reported, suppressed } = complementary
    ? suppressSmallGroups(sorted, minGroupSize, { size: (g) => g.population, name: (g) => g.value })
    : { shown: sorted.filter((g) => g.population >= minGroupSize), suppressed: sorted.filter((g) => g.population < minGroupSize) };
  // The reference: the reported group with the lowest rate, compared on exact counts.
  const lowest = reported.reduce((low, g) => (g.affected * low.population < low.affected * g.population ? g : low), reported[0]);
  return {
    attribute,
    outcome,
    from,
    to,
    groups: reported.map(({ value, population, affected }) => ({
      value,
      population,
      affected,
      rate: round(affected / population, 4),
      impactRatio: affected === 0 ? 1 : round((lowest.affected * population) / (lowest.population * affected), 4),
      // lowest/this < 4/5, cross-multiplied so that a ratio of exactly 0.8 is never flagged by rounding.
      flagged: 5 * lowest.affected * population < 4 * affected * lowest.population,
    })),
    suppressed: suppressed.map(({ value, population }) => ({ value, population })),
    suppressedGroups: suppressed.length,
    unknown,
    rule:
      `Four-fifths rule on adverse outcome rates: a group is flagged when the lowest rate among the reported groups is less than ` +
      `4/5 of its rate (impactRatio < 0.8). Groups under ${minGroupSize} people are suppressed and not used as the reference` +
      (complementary ? `; so are the smallest others while the suppressed groups count fewer than ${minGroupSize} people together.` : '.'),
  };
}
