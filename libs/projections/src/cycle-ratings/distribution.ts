import { canonicalGrade, type Policy } from '@pm/domain';
import { suppressSmallGroups } from '../analytics/suppression';
import type { CycleHeaderDoc, CycleRatingDoc } from './cycle-ratings.projection';

export const DISTRIBUTION_GROUP_BYS = ['all', 'org', 'manager', 'level', 'jobFamily', 'calibrationGroup'] as const;
export type DistributionGroupBy = (typeof DISTRIBUTION_GROUP_BYS)[number];

export type GradeCounts = Record<string, number>;

/** One group's grades against the curve. */
export interface GroupDistribution {
  group: string;
  size: number;
  /** The grade that counts: final once finalized, else calibrated, else proposed. */
  counts: GradeCounts;
  shares: GradeCounts;
  /** Only grades the curve constrains. */
  targets: GradeCounts;
  /** share - target, for the grades in `targets`. */
  deviations: GradeCounts;
  curveEnforced: boolean;
  /** The managers' proposals before calibration. */
  proposedCounts: GradeCounts;
}

export interface DistributionMove {
  employeeId: string;
  from: string;
  to: string;
  by: string;
  at: string;
  rank?: number;
  groupId?: string;
}

export interface RatingDistribution {
  cycleId: string;
  policy: string;
  stage: 'final' | 'calibrating';
  groupBy: DistributionGroupBy;
  /** Best first; grades off the policy's scale, if any, follow in code order. */
  grades: string[];
  groups: GroupDistribution[];
  /** Every calibration, in the order it was recorded. */
  moves: DistributionMove[];
  totals: GroupDistribution;
}

/** Employees without a value for the grouping (no calibration group, unknown org). */
export const UNGROUPED = '(none)';

const GROUP_OF: Record<DistributionGroupBy, (rating: CycleRatingDoc) => string | null | undefined> = {
  all: () => 'all',
  org: (r) => r.orgId,
  manager: (r) => r.managerId,
  level: (r) => r.level,
  jobFamily: (r) => r.jobFamily,
  calibrationGroup: (r) => r.groupId,
};

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rounded to 4 decimals; `+ 0` turns a -0 into 0. */
const round4 = (x: number): number => Math.round(x * 10_000) / 10_000 + 0;

/**
 * Counts per grade per group against the policy's curve targets, with every calibration move.
 * `ratings` are the cycle's rating documents; `policy` is the one the cycle was opened under
 * (or another version, for a what-if): old grade codes are read through its aliases.
 */
export function ratingDistribution(
  header: CycleHeaderDoc,
  ratings: readonly CycleRatingDoc[],
  policy: Policy,
  groupBy: DistributionGroupBy,
): RatingDistribution {
  const grade = (code: string): string => canonicalGrade(policy, code);
  const counted = (r: CycleRatingDoc): string => grade(r.final ?? r.calibrated ?? r.proposed);
  const scale = policy.scale.grades.map((g) => g.code);
  const offScale = [...new Set(ratings.flatMap((r) => [counted(r), grade(r.proposed)]))].filter((code) => !scale.includes(code)).sort(byKey);
  const grades = [...scale, ...offScale];

  const tally = (codes: readonly string[]): GradeCounts => {
    const counts: GradeCounts = Object.fromEntries(grades.map((g) => [g, 0]));
    for (const code of codes) counts[code] += 1;
    return counts;
  };
  const distribution = (group: string, members: readonly CycleRatingDoc[]): GroupDistribution => {
    const size = members.length;
    const counts = tally(members.map(counted));
    const shares = Object.fromEntries(grades.map((g) => [g, size === 0 ? 0 : round4(counts[g] / size)]));
    const targeted = grades.filter((g) => Object.hasOwn(policy.curve.targets, g));
    return {
      group,
      size,
      counts,
      shares,
      targets: Object.fromEntries(targeted.map((g) => [g, policy.curve.targets[g]])),
      deviations: Object.fromEntries(targeted.map((g) => [g, round4(shares[g] - policy.curve.targets[g])])),
      curveEnforced: size >= (policy.curve.minGroupSize ?? 0),
      proposedCounts: tally(members.map((r) => grade(r.proposed))),
    };
  };

  const members = new Map<string, CycleRatingDoc[]>();
  for (const rating of ratings) {
    const group = GROUP_OF[groupBy](rating) ?? UNGROUPED;
    const list = members.get(group);
    if (list === undefined) members.set(group, [rating]);
    else list.push(rating);
  }
  const moves = ratings
    .flatMap((r) => r.moves.map((move) => ({ employeeId: r.employeeId, move })))
    .sort((a, b) => a.move.position - b.move.position)
    .map(({ employeeId, move }) => {
      const { from, to, by, at, rank, groupId } = move;
      return { employeeId, from: grade(from), to: grade(to), by, at, ...(rank === undefined ? {} : { rank }), ...(groupId === undefined ? {} : { groupId }) };
    });

  return {
    cycleId: header.cycleId,
    policy: header.policy,
    stage: header.finalized ? 'final' : 'calibrating',
    groupBy,
    grades,
    groups: [...members.keys()].sort(byKey).map((group) => distribution(group, members.get(group) ?? [])),
    moves,
    totals: distribution('all', ratings),
  };
}

/** How an analyst's distribution is cut (ADR 010). */
export interface AnalystScope {
  /** The strictest minimum group size in play (never below the published policy's). */
  minGroupSize: number;
  /** This answer's pseudonyms (fresh per answer): people, managers and calibrating actors. */
  pseudonym: (id: string) => string;
}

export interface AnalystDistribution extends Omit<RatingDistribution, 'totals'> {
  /** `null` when the cycle rates fewer people than the minimum group size. */
  totals: GroupDistribution | null;
  /** Groups not shown: under the minimum, or suppressed so that the totals cannot give one away. */
  suppressed: string[];
}

/**
 * What an analyst may see of a distribution: groups under the minimum size suppressed with the
 * complementary rule (`suppressSmallGroups`: the suppressed groups together count at least the
 * minimum, so totals minus the shown groups never describe a small group); totals withheld when the
 * whole cycle is under the minimum; only the moves of people in shown groups, with pseudonyms for
 * the person and the calibrating actor (never a key id), no rank, and a calibration group named only
 * when that group is large enough to be shown itself. Manager groups are named by pseudonym.
 */
export function analystDistribution(distribution: RatingDistribution, ratings: readonly CycleRatingDoc[], scope: AnalystScope): AnalystDistribution {
  const { minGroupSize, pseudonym } = scope;
  const groupOf = (rating: CycleRatingDoc): string => GROUP_OF[distribution.groupBy](rating) ?? UNGROUPED;
  const named = (group: string): string => (distribution.groupBy === 'manager' && group !== UNGROUPED ? pseudonym(group) : group);
  const { shown, suppressed } = suppressSmallGroups(distribution.groups, minGroupSize, { size: (g) => g.size, name: (g) => g.group });
  const shownGroups = new Set(shown.map((g) => g.group));
  const groupOfEmployee = new Map(ratings.map((r) => [r.employeeId, groupOf(r)]));

  const calibrationGroups = new Map<string, number>();
  for (const r of ratings) calibrationGroups.set(r.groupId ?? UNGROUPED, (calibrationGroups.get(r.groupId ?? UNGROUPED) ?? 0) + 1);
  const nameable = new Set(
    suppressSmallGroups(
      [...calibrationGroups].sort(([a], [b]) => byKey(a, b)),
      minGroupSize,
      { size: ([, n]) => n, name: ([g]) => g },
    ).shown.map(([g]) => g),
  );

  const totals = distribution.totals.size >= minGroupSize ? distribution.totals : null;
  return {
    ...distribution,
    groups: shown.map((g) => ({ ...g, group: named(g.group) })),
    moves: distribution.moves
      .filter((m) => shownGroups.has(groupOfEmployee.get(m.employeeId) ?? UNGROUPED))
      .map(({ employeeId, from, to, by, at, groupId }) => ({
        employeeId: pseudonym(employeeId),
        from,
        to,
        by: pseudonym(by),
        at,
        ...(groupId !== undefined && nameable.has(groupId) ? { groupId } : {}),
      })),
    totals,
    suppressed: suppressed.map((g) => named(g.group)).sort(byKey),
  };
}
