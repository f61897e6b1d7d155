import type { PivotOption, SeparationType } from '@pm/domain';

/** A personal value as stored: ciphertext under the person's key, unreadable once it is destroyed. */
export interface SealedValue {
  $pii: string;
}

/** Where the employee sits from `from` (a business date) until the next assignment. */
export interface Assignment {
  from: string;
  orgId: string;
  managerId?: string;
  level: string;
  jobFamily: string;
}

export interface FinalRatingFact {
  cycleId: string;
  grade: string;
  periodEnd: string;
  calibrated: boolean;
  /** `policyId@version` the rating was given under. */
  policy: string;
}

export interface FocusCaseFact {
  startDate: string;
  dueDate: string;
  closedOn?: string;
  outcome?: 'succeeded' | 'escalated';
  /** The escalation of this case was used to place the employee in Pivot. */
  ledToPivot: boolean;
}

export type PivotOutcome = 'buyout' | 'appealWon' | 'appealLost' | 'passed' | 'failed';

export interface PivotCaseFact {
  startDate: string;
  option?: PivotOption;
  outcome?: PivotOutcome;
  outcomeDate?: string;
}

/** The coded Pivot reasons; any other reason is the person's own story, sealed, and reads `other`. */
export type SeparationReasonCode = 'pivot_buyout' | 'appeal_lost' | 'pivot_failed' | 'other';

export interface SeparationFact {
  /** The first day the person is no longer employed. */
  date: string;
  type: SeparationType;
  regretted: boolean;
  reasonCode: SeparationReasonCode;
  lastGrade?: string;
}

export type Sentiment = 'positive' | 'neutral' | 'negative';

/** A peer 360 recorded without a review cycle, without its text: when, and which way. */
export interface FeedbackFact {
  date: string;
  sentiment: Sentiment;
}

/** Peer 360s counted per sentiment. */
export interface SentimentCounts {
  positive: number;
  neutral: number;
  negative: number;
}

export interface PromotionFact {
  promotionId: string;
  date: string;
  toLevel: string;
}

/**
 * One employee's facts for statistics, effective-dated with business dates. Lists are ordered by
 * their date (ties in the order the events were recorded); Focus and Pivot cases in the order they
 * happened. No plaintext personal data: `attributes` stays sealed.
 */
export interface WorkforceRecord {
  employeeId: string;
  hireDate: string;
  attributes?: SealedValue;
  assignments: Assignment[];
  ratings: FinalRatingFact[];
  focusCases: FocusCaseFact[];
  pivotCases: PivotCaseFact[];
  separation?: SeparationFact;
  /** Peer 360s recorded for a review cycle, counted per cycle id. */
  peer360ByCycle: Record<string, SentimentCounts>;
  /** Peer 360s recorded without a cycle, dated (few: the HR platform usually names the cycle). */
  untaggedPeer360: FeedbackFact[];
  promotions: PromotionFact[];
  erased: boolean;
}
