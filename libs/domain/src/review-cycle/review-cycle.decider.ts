import type { Decider } from '../core/decider';
import { alreadyExists, DomainError, notFound, ruleViolation } from '../core/domain-error';
import { policyRef } from '../policy/policy';
import { canonicalGrade, isGrade } from '../policy/policy-rules';
import type { Policy } from '../policy/policy';
import type { RatedEmployee } from './rated-employee';
import type { ReviewCycleCommand } from './review-cycle.commands';
import type { ReviewCycleEvent } from './review-cycle.events';
import { evolveReviewCycle, initialReviewCycleState, type ReviewCycleState } from './review-cycle.state';

function requireGrade(policy: Policy, rating: string): string {
  if (!isGrade(policy, rating)) {
    throw new DomainError(
      'rating-not-on-scale',
      `${rating} is not a grade of ${policyRef(policy)} (${policy.scale.grades.map((g) => g.code).join(', ')})`,
      'invalid',
      {
        field: 'rating',
      },
    );
  }
  return canonicalGrade(policy, rating);
}

function requireRateable(employeeId: string, employee: RatedEmployee): void {
  if (employee.status === 'none') throw notFound('employee-not-found', `No employee ${employeeId}`);
  if (employee.status === 'separated') throw ruleViolation('employee-separated', `Employee ${employeeId} was separated on ${employee.separatedOn}`);
}

export function decideReviewCycle(command: ReviewCycleCommand, state: ReviewCycleState): ReviewCycleEvent[] {
  const { policy } = command;
  if (command.type === 'OpenReviewCycle') {
    if (state.status !== 'none') throw alreadyExists('review-cycle-already-exists', `Review cycle ${command.data.cycleId} already exists`);
    if (command.data.periodEnd <= command.data.periodStart) {
      throw new DomainError('period-end-before-start', 'periodEnd must be after periodStart', 'invalid', { field: 'periodEnd' });
    }
    return [{ type: 'ReviewCycleOpened', data: { ...command.data, policy: policyRef(policy) } }];
  }
  if (state.status === 'none') throw notFound('review-cycle-not-found', 'No such review cycle');
  if (state.status === 'finalized') throw ruleViolation('review-cycle-finalized', `Review cycle ${state.cycleId} is finalized`);
  const cycleId = state.cycleId;
  if ('employee' in command && command.employee) requireRateable(command.data.employeeId, command.employee);

  switch (command.type) {
    case 'SubmitSelfAssessment':
      return [{ type: 'SelfAssessmentSubmitted', data: { cycleId, ...command.data } }];

    case 'ProposeRating': {
      const rating = requireGrade(policy, command.data.rating);
      if (command.data.managerId === command.data.employeeId) throw ruleViolation('self-rating', 'A manager cannot rate themselves', { field: 'managerId' });
      return [{ type: 'RatingProposed', data: { cycleId, ...command.data, rating } }];
    }

    case 'CalibrateRating': {
      const { employeeId, rank, groupId, rationale } = command.data;
      const rating = requireGrade(policy, command.data.rating);
      const current = Object.hasOwn(state.ratings, employeeId) ? state.ratings[employeeId] : undefined;
      if (!current) throw ruleViolation('calibration-without-proposal', `No rating was proposed for ${employeeId} in ${cycleId}`);
      const fromRating = current.calibrated?.rating ?? current.proposed;
      return [{ type: 'RatingCalibrated', data: { cycleId, employeeId, fromRating, rating, rank, groupId, rationale } }];
    }

    case 'FinalizeReviewCycle': {
      const finalized: ReviewCycleEvent[] = Object.entries(state.ratings)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([employeeId, r]) => ({
          type: 'RatingFinalized',
          data: {
            cycleId,
            employeeId,
            rating: r.calibrated?.rating ?? r.proposed,
            calibrated: r.calibrated !== undefined,
            rank: r.calibrated?.rank,
            groupId: r.calibrated?.groupId,
            periodEnd: state.periodEnd,
            policy: state.policy,
          },
        }));
      return [{ type: 'ReviewCycleFinalized', data: { cycleId, ratedEmployees: finalized.length } }, ...finalized];
    }

    default: {
      const unknown: never = command;
      throw new Error(`Unknown review cycle command ${(unknown as { type: string }).type}`);
    }
  }
}

export const reviewCycleDecider: Decider<ReviewCycleCommand, ReviewCycleEvent, ReviewCycleState> = {
  decide: decideReviewCycle,
  evolve: evolveReviewCycle,
  initialState: initialReviewCycleState,
};

export const reviewCycleStreamId = (cycleId: string): string => `review-cycle-${cycleId}`;
