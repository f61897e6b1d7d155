import { compareText } from './compare';
import { employedSpan } from './employment';
import type { Period } from './period';
import type { WorkforceRecord } from '../workforce/workforce-record';

export interface Suppressible<T> {
  /** How many people the group counts (its population, or its size). */
  size(group: T): number;
  /** The group's name, to break ties between equally small groups. */
  name(group: T): string;
  /**
   * Who is in the group, when one person can be in several groups (a transfer): the suppressed
   * groups then count their distinct people. Without it, groups are taken to be disjoint.
   */
  members?(group: T): Iterable<string>;
}

export interface Suppression<T> {
  /** Groups at or above the minimum whose suppression no other group needed; in the order given. */
  shown: T[];
  /** Groups under the minimum, and the groups suppressed to protect them; in the order given. */
  suppressed: T[];
}

/**
 * The one suppression rule every analyst answer follows (ADR 010), with complementary suppression:
 *
 * 1. A group with fewer people than `minimum` is suppressed.
 * 2. Whatever the answer also shows as a total (or another answer shows over the same people),
 *    the suppressed groups can be derived together as "total minus the shown rows". So, when any
 *    group is suppressed, the suppressed groups together must count at least `minimum` distinct
 *    people; while they do not, the smallest shown group (ties: the first by name) is suppressed
 *    too. If that suppresses every group, only the total is left, shown only when it reaches the
 *    minimum itself.
 *
 * So "total minus shown rows" always describes either nobody or at least `minimum` people.
 */
export function suppressSmallGroups<T>(groups: readonly T[], minimum: number, how: Suppressible<T>): Suppression<T> {
  const suppressed = new Set(groups.filter((g) => how.size(g) < minimum));
  if (suppressed.size > 0) {
    const candidates = groups.filter((g) => !suppressed.has(g)).sort((a, b) => how.size(a) - how.size(b) || compareText(how.name(a), how.name(b)));
    const people = new Set<string>();
    let disjoint = 0;
    const count = (group: T): void => {
      if (how.members) for (const id of how.members(group)) people.add(id);
      else disjoint += how.size(group);
    };
    suppressed.forEach(count);
    const remainder = (): number => (how.members ? people.size : disjoint);
    for (const next of candidates) {
      if (remainder() >= minimum) break;
      suppressed.add(next);
      count(next);
    }
  }
  return { shown: groups.filter((g) => !suppressed.has(g)), suppressed: groups.filter((g) => suppressed.has(g)) };
}

/** The larger of the published minimum group size and any other (a proposed policy's): never lower. */
export const strictestMinimum = (...minimums: readonly (number | undefined)[]): number =>
  Math.max(1, ...minimums.filter((m): m is number => typeof m === 'number' && Number.isFinite(m)));

/**
 * Who was employed at some time in each calendar year of the period (within the period): the
 * population of a replay's `byPeriod` rows, for suppressing them like any other group.
 */
export function populationByYear(records: readonly WorkforceRecord[], period: Period): Map<string, Set<string>> {
  const years = new Map<string, Set<string>>();
  for (let year = Number(period.from.slice(0, 4)); year <= Number(period.to.slice(0, 4)); year++) years.set(String(year), new Set());
  for (const record of records) {
    const span = employedSpan(record);
    if (!span || span.to < period.from || span.from > period.to) continue;
    const first = span.from > period.from ? span.from : period.from;
    const last = span.to < period.to ? span.to : period.to;
    for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) years.get(String(year))?.add(record.employeeId);
  }
  return years;
}
