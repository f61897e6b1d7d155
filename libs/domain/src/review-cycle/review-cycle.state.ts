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

function ratingOf(state: Cycle, employeeId: string): CycleRating | undefined {
  return Object.hasOwn(state.ratings, employeeId) ? state.ratings[employeeId] : undefined;
}

export function evolveReviewCycle(state: ReviewCycleState, event: ReviewCycleEvent): ReviewCycleState {
  if (event.type === 'ReviewCycleOpened') {
    const { cycleId, periodStart, periodEnd, policy } = event.data;
    return { status: 'open', cycleId, periodStart, periodEnd, policy, ratings: {} };
  }
  if (state.status === 'none') throw new Error('a review cycle event before ReviewCycleOpened');
  switch (event.type) {
    case 'SelfAssessmentSubmitted':
    case 'RatingFinalized':
    case 'FinalRatingCorrected':
      return state;
    // The ratings map belongs to the fold and is updated in place: copying it per event would make
    // folding a cycle of n ratings O(n^2), seconds per command for a large org.
    case 'RatingProposed': {
      const { employeeId, rating, managerId } = event.data;
      state.ratings[employeeId] = { ...ratingOf(state, employeeId), proposed: rating, managerId };
      return state;
    }
    case 'RatingCalibrated': {
      const { employeeId, rating, rank, groupId } = event.data;
      state.ratings[employeeId] = { ...ratingOf(state, employeeId), calibrated: { rating, rank, groupId } } as CycleRating;
      return state;
    }
    case 'ReviewCycleFinalized':
      return { ...state, status: 'finalized' };
  }
}
