import type { ReviewCycleEvent } from './review-cycle.events';

export interface CycleRating {
  proposed: string;
  managerId: string;
  calibrated?: { rating: string; rank?: number; groupId?: string };
}

export interface Cycle {
  cycleId: string;
  periodStart: string;
  periodEnd: string;
  /** `policyId@version` the cycle was opened under; its grades are the valid ratings. */
  policy: string;
  ratings: Record<string, CycleRating>;
}

export type ReviewCycleState = { status: 'none' } | ({ status: 'open' } & Cycle) | ({ status: 'finalized' } & Cycle);

export const initialReviewCycleState = (): ReviewCycleState => ({ status: 'none' });

export function evolveReviewCycle(state: ReviewCycleState, event: ReviewCycleEvent): ReviewCycleState {
  if (event.type === 'ReviewCycleOpened') {
    const { cycleId, periodStart, periodEnd, policy } = event.data;
    return { status: 'open', cycleId, periodStart, periodEnd, policy, ratings: {} };
  }
  if (state.status === 'none') throw new Error('a review cycle event before ReviewCycleOpened');
  switch (event.type) {
    case 'SelfAssessmentSubmitted':
    case 'RatingFinalized':
      return state;
    case 'RatingProposed': {
      const { employeeId, rating, managerId } = event.data;
      const previous = state.ratings[employeeId];
      return { ...state, ratings: { ...state.ratings, [employeeId]: { ...previous, proposed: rating, managerId } } };
    }
    case 'RatingCalibrated': {
      const { employeeId, rating, rank, groupId } = event.data;
      const previous = state.ratings[employeeId];
      return { ...state, ratings: { ...state.ratings, [employeeId]: { ...previous, calibrated: { rating, rank, groupId } } } };
    }
    case 'ReviewCycleFinalized':
      return { ...state, status: 'finalized' };
  }
}
