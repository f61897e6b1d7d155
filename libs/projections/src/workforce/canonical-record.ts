import type {
  Assignment,
  FeedbackFact,
  FinalRatingFact,
  FocusCaseFact,
  PivotCaseFact,
  PromotionFact,
  SentimentCounts,
  SeparationFact,
  WorkforceRecord,
} from './workforce-record';

/*
 * Documents are stored as JSON and compared byte for byte across rebuilds. A document read back
 * from the store has lost its undefined fields, so spreading it would move a field set later to
 * the end. Every object is therefore rebuilt here, keys in one fixed order, undefined ones left out.
 */

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const assignment = (a: Assignment): Assignment =>
  compact({ from: a.from, orgId: a.orgId, managerId: a.managerId, level: a.level, jobFamily: a.jobFamily });

export const finalRating = (r: FinalRatingFact): FinalRatingFact => ({
  cycleId: r.cycleId,
  grade: r.grade,
  periodEnd: r.periodEnd,
  calibrated: r.calibrated,
  policy: r.policy,
});

export const focusCase = (c: FocusCaseFact): FocusCaseFact =>
  compact({ startDate: c.startDate, dueDate: c.dueDate, closedOn: c.closedOn, outcome: c.outcome, ledToPivot: c.ledToPivot });

export const pivotCase = (c: PivotCaseFact): PivotCaseFact =>
  compact({ startDate: c.startDate, option: c.option, outcome: c.outcome, outcomeDate: c.outcomeDate });

export const separation = (s: SeparationFact): SeparationFact =>
  compact({ date: s.date, type: s.type, regretted: s.regretted, reasonCode: s.reasonCode, lastGrade: s.lastGrade });

export const feedback = (f: FeedbackFact): FeedbackFact => ({ date: f.date, sentiment: f.sentiment });

export const sentimentCounts = (c: SentimentCounts): SentimentCounts => ({ positive: c.positive, neutral: c.neutral, negative: c.negative });

export const promotion = (p: PromotionFact): PromotionFact => ({ promotionId: p.promotionId, date: p.date, toLevel: p.toLevel });

/** The record with every key in its fixed place. Items are expected to be canonical already. */
export const workforceRecord = (r: WorkforceRecord): WorkforceRecord =>
  compact({
    employeeId: r.employeeId,
    hireDate: r.hireDate,
    attributes: r.attributes && { $pii: r.attributes.$pii },
    assignments: r.assignments,
    ratings: r.ratings,
    focusCases: r.focusCases,
    pivotCases: r.pivotCases,
    separation: r.separation,
    peer360ByCycle: r.peer360ByCycle,
    untaggedPeer360: r.untaggedPeer360,
    promotions: r.promotions,
    erased: r.erased,
  });
