import type { Policy } from '../policy/policy';
import type { RatedEmployee } from './rated-employee';
import type { RatingProposed } from './review-cycle.events';

interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  /** Opening: the policy in force. Later commands: the version the cycle was opened under. */
  policy: Policy;
}

/** Commands about one employee carry that employee's standing, read from their stream. */
interface AboutEmployee {
  employee?: RatedEmployee;
}

export type OpenReviewCycle = Command<'OpenReviewCycle', { cycleId: string; name: string; periodStart: string; periodEnd: string }>;
export type SubmitSelfAssessment = Command<'SubmitSelfAssessment', { employeeId: string; text: string }> & AboutEmployee;
export type ProposeRating = Command<'ProposeRating', Omit<RatingProposed['data'], 'cycleId'>> & AboutEmployee;
export type CalibrateRating = Command<
  'CalibrateRating',
  { employeeId: string; rating: string; rank?: number; groupId?: string; rationale: string; decidedBy?: string }
> &
  AboutEmployee;
export type FinalizeReviewCycle = Command<'FinalizeReviewCycle', Record<string, never>>;

export type ReviewCycleCommand = OpenReviewCycle | SubmitSelfAssessment | ProposeRating | CalibrateRating | FinalizeReviewCycle;
