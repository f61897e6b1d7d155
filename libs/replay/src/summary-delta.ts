import { round } from '@pm/projections/analytics/rounding';
import type { ReplaySummary } from './summary-book';

type Counts =
  | 'ratedEmployees'
  | 'focusEligible'
  | 'focusEntries'
  | 'pivots'
  | 'involuntaryExits'
  | 'separations'
  | 'regretted'
  | 'unregretted'
  | 'promotionNominations'
  | 'promotionEligible';
type Rates = 'unregrettedRate' | 'uraTarget' | 'uraGap';
type PerGrade = 'gradeDistribution' | 'curveTargets';

/**
 * counterfactual - baseline, listing only what differs: the same history under the same policy
 * gives `{}`. A rate known on one side only reads `null`.
 */
export type ReplaySummaryDelta = { [K in Counts]?: number } & { [K in Rates]?: number | null } & { [K in PerGrade]?: Record<string, number> };

const COUNTS: readonly Counts[] = [
  'ratedEmployees',
  'focusEligible',
  'focusEntries',
  'pivots',
  'involuntaryExits',
  'separations',
  'regretted',
  'unregretted',
  'promotionNominations',
  'promotionEligible',
];
const RATES: readonly Rates[] = ['unregrettedRate', 'uraTarget', 'uraGap'];

const difference = (after: number, before: number, decimals: number): number => round(after - before, decimals) + 0;

function perGrade(before: Record<string, number>, after: Record<string, number>): Record<string, number> | undefined {
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .map((grade): [string, number] => [grade, difference(after[grade] ?? 0, before[grade] ?? 0, 4)])
    .filter(([, delta]) => delta !== 0);
  return changed.length > 0 ? Object.fromEntries(changed) : undefined;
}

export function summaryDelta(baseline: ReplaySummary, counterfactual: ReplaySummary): ReplaySummaryDelta {
  const delta: ReplaySummaryDelta = {};
  for (const field of COUNTS) {
    const d = difference(counterfactual[field], baseline[field], 2);
    if (d !== 0) delta[field] = d;
  }
  for (const field of RATES) {
    const [before, after] = [baseline[field], counterfactual[field]];
    if (before === null && after === null) continue;
    const d = before === null || after === null ? null : difference(after, before, 4);
    if (d !== 0) delta[field] = d;
  }
  const grades = perGrade(baseline.gradeDistribution, counterfactual.gradeDistribution);
  if (grades) delta.gradeDistribution = grades;
  const targets = perGrade(baseline.curveTargets, counterfactual.curveTargets);
  if (targets) delta.curveTargets = targets;
  return delta;
}

/**
 * A row's delta leaves out what the policy sets for every row alike (reported once, overall) and
 * the rated headcount, which is the same on both sides.
 */
export function rowDelta(baseline: ReplaySummary, counterfactual: ReplaySummary): ReplaySummaryDelta {
  const { curveTargets: _targets, uraTarget: _target, ratedEmployees: _rated, ...outcomes } = summaryDelta(baseline, counterfactual);
  return outcomes;
}
