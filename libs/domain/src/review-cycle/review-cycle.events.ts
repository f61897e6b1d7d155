import type { DomainEvent } from '../core/decider';

export type ReviewCycleOpened = DomainEvent<'ReviewCycleOpened', { cycleId: string; name: string; periodStart: string; periodEnd: string; policy: string }>;
export type SelfAssessmentSubmitted = DomainEvent<'SelfAssessmentSubmitted', { cycleId: string; employeeId: string; text: string }>;
export type RatingProposed = DomainEvent<
  'RatingProposed',
  {
    cycleId: string;
    employeeId: string;
    managerId: string;
    rating: string;
    principles?: { met: string[]; missed: string[] };
    narrative?: string;
  }
>;
/** A judgment of its own: who moved whom, from what to what, and why. */
export type RatingCalibrated = DomainEvent<
  'RatingCalibrated',
  {
    cycleId: string;
    employeeId: string;
    fromRating: string;
    rating: string;
    rank?: number;
    groupId?: string;
    rationale: string;
    /** The employee id of who calibrated (the API key stays the actor). */
    decidedBy?: string;
  }
>;
export type ReviewCycleFinalized = DomainEvent<'ReviewCycleFinalized', { cycleId: string; ratedEmployees: number }>;
export type RatingFinalized = DomainEvent<
  'RatingFinalized',
  {
    cycleId: string;
    employeeId: string;
    rating: string;
    calibrated: boolean;
    rank?: number;
    groupId?: string;
    periodEnd: string;
    policy: string;
  }
>;

/** A final rating corrected (or retracted: no `toRating`) in the employee's record, mirrored here so the cycle's distribution agrees. */
export type FinalRatingCorrected = DomainEvent<
  'FinalRatingCorrected',
  {
    cycleId: string;
    employeeId: string;
    fromRating: string;
    toRating?: string;
    /** The `EventCorrected` or `EventRetracted` in the employee's stream, with its reason and approver. */ correctionEventId: string;
  }
>;

export type ReviewCycleEvent =
  ReviewCycleOpened | SelfAssessmentSubmitted | RatingProposed | RatingCalibrated | ReviewCycleFinalized | RatingFinalized | FinalRatingCorrected;
