import { gradeRank, isBelowBar, monthsBetween, type Policy } from '@pm/domain';
import type { FeedbackFact, FinalRatingFact, SentimentCounts, WorkforceRecord } from '../workforce/workforce-record';
import { compareText } from './compare';
import { assignmentAt } from './employment';
import { round } from './rounding';

export type { SentimentCounts } from '../workforce/workforce-record';

export interface DivergenceRow {
  employeeId: string;
  cycleId: string;
  grade: string;
  periodEnd: string;
  peer360: SentimentCounts;
  positiveShare: number;
  orgId: string;
  managerId: string | null;
}

export interface DivergenceQuery {
  /** Published policy versions by `policyId@version`: each rating names the one it was given under. */
  policyByRef: (ref: string) => Policy | undefined;
  /** Judges a rating whose policy version is not known. */
  fallbackPolicy: Policy;
  /** Fewer peer 360s than this say too little to diverge from. Default 3. */
  minPeer360?: number;
  /** Default 0.7. */
  minPositiveShare?: number;
}

/**
 * Final ratings that disagree with the employee's peers (the reported case: 9 of 10 360s
 * positive, rated `M-` twice). Each rating is judged under the policy it was given under: it is
 * low when its grade is below that policy's bar or one of the two lowest grades of its scale
 * (renamed grades read as their current code). It diverges
 * when the cycle's peer 360s number at least `minPeer360` and their positive share is at least
 * `minPositiveShare`. A cycle's peer 360s: those recorded for that cycle, and those recorded
 * without a cycle in the 12 months up to the period's end, (periodEnd − 12 months, periodEnd].
 * Org and manager are those in force at the period's end. Ordered by period end, employee, cycle.
 */
export function feedbackRatingDivergence(records: readonly WorkforceRecord[], query: DivergenceQuery): DivergenceRow[] {
  const { minPeer360 = 3, minPositiveShare = 0.7 } = query;
  const policyOf = (rating: FinalRatingFact): Policy => query.policyByRef(rating.policy) ?? query.fallbackPolicy;
  const rows: DivergenceRow[] = [];
  for (const record of records) {
    for (const rating of record.ratings.filter((r) => isLow(policyOf(r), r.grade))) {
      const peer360 = peer360For(record, rating);
      const count = peer360.positive + peer360.neutral + peer360.negative;
      if (count < minPeer360 || peer360.positive / count < minPositiveShare) continue;
      const { orgId, managerId } = assignmentAt(record, rating.periodEnd);
      rows.push({
        employeeId: record.employeeId,
        cycleId: rating.cycleId,
        grade: rating.grade,
        periodEnd: rating.periodEnd,
        peer360,
        positiveShare: round(peer360.positive / count, 4),
        orgId,
        managerId: managerId ?? null,
      });
    }
  }
  return rows.sort((a, b) => compareText(a.periodEnd, b.periodEnd) || compareText(a.employeeId, b.employeeId) || compareText(a.cycleId, b.cycleId));
}

function isLow(policy: Policy, grade: string): boolean {
  const rank = gradeRank(policy, grade);
  return isBelowBar(policy, grade) || (rank >= 0 && rank >= policy.scale.grades.length - 2);
}

/** The cycle's peer 360s, plus those recorded without a cycle in the 12 months up to its end. */
function peer360For(record: WorkforceRecord, rating: FinalRatingFact): SentimentCounts {
  const counts: SentimentCounts = { ...(record.peer360ByCycle[rating.cycleId] ?? { positive: 0, neutral: 0, negative: 0 }) };
  for (const f of record.untaggedPeer360) if (inYearBefore(f, rating)) counts[f.sentiment]++;
  return counts;
}

function inYearBefore(feedback: FeedbackFact, rating: FinalRatingFact): boolean {
  return feedback.date <= rating.periodEnd && monthsBetween(feedback.date, rating.periodEnd) < 12;
}
