import type { SeparationType } from '@pm/domain';
import type { PayRecord } from '@pm/projections/pay/pay.projection';
import type { PivotOutcome, SeparationReasonCode } from '@pm/projections/workforce';

/** A final rating as the cycle recorded it, with where it was calibrated. */
export interface RecordedRating {
  /** Dense over the history's ratings: where replays keep what they compute per rating. */
  index: number;
  cycleId: string;
  employeeId: string;
  /** As recorded: an old code stays as it was (the proposed policy's aliases map it). */
  grade: string;
  periodEnd: string;
  /** `policyId@version` the cycle was rated under. */
  policy: string;
  /** Calibration rank in the group, 1 = best; absent when the rating was not ranked. */
  rank?: number;
  /** The recorded calibration group, else the org at the time. */
  group: string;
  orgId: string;
}

/** How many people an org's ratings gave a recorded grade in one cycle. */
export interface GradeCount {
  orgId: string;
  grade: string;
  count: number;
}

export interface CycleHistory {
  cycleId: string;
  periodEnd: string;
  policy: string;
  ratings: RecordedRating[];
  /** The calibration groups, each ordered by rank (the unranked last), then by employee id. */
  groups: RecordedRating[][];
  gradeCounts: GradeCount[];
}

export interface FocusCase {
  startDate: string;
  outcome?: 'succeeded' | 'escalated';
  /** The cycle whose rating allowed this Focus; absent when no rating preceded it. */
  triggerCycleId?: string;
  /** Index in `pivotCases` of the Pivot its escalation led to. */
  pivot?: number;
}

export interface PivotCase {
  startDate: string;
  outcome?: PivotOutcome;
}

export interface Separation {
  date: string;
  day: number;
  type: SeparationType;
  regretted: boolean;
  regrettedSource: 'caller' | 'policy';
  reasonCode: SeparationReasonCode;
  /** The policy the separation was decided under, when known. */
  policy?: string;
  lastGrade?: string;
  /** The cycle of the last rating the employee had received. */
  lastCycleId?: string;
  /** Index in `pivotCases` of the Pivot this exit ended. */
  pivot?: number;
}

export interface Nomination {
  promotionId: string;
  date: string;
  monthsInLevel: number;
  policy?: string;
  /** The final ratings the nomination saw, oldest period first: what a promotion look-back reads. */
  recentRatings: { cycleId: string; grade: string }[];
}

/** Where a person sat from a date on, until the next stint: one per change of org (manager and level changes merged). */
export interface OrgStint {
  from: string;
  /** `from` as a day number, for headcount arithmetic. */
  fromDay: number;
  orgId: string;
}

/** One employee's history as a replay reads it: no personal field, no feedback, no free text. */
export interface PersonHistory {
  employeeId: string;
  hireDate: string;
  hireDay: number;
  /** From the hire date on, by date. */
  orgs: OrgStint[];
  /** The final ratings delivered to the person, by period end. */
  ratings: RecordedRating[];
  /** Period ends of every final rating, delivered or not (a rating finalized after the person left is not). */
  ratedOn: string[];
  focusCases: FocusCase[];
  pivotCases: PivotCase[];
  separation?: Separation;
  nominations: Nomination[];
  /** The recorded pay history (amounts and the job held, no personal field); absent when none is recorded. */
  pay?: PayRecord;
}

export interface CompactHistory {
  /** The position of the last event folded in. */
  position: number;
  /** How many ratings the cycles hold (their indexes run from 0). */
  ratingCount: number;
  /** By employee id. */
  people: PersonHistory[];
  /** By period end, then id. */
  cycles: CycleHistory[];
  /** Every `policyId@version` a rating, separation or nomination names: what `policyOf` must know. */
  policies: string[];
  /** The earliest and latest business dates in the history; absent when it has none. */
  firstDate?: string;
  lastDate?: string;
}
