import type { Decider } from '../core/decider';
import { alreadyExists, DomainError, notFound, ruleViolation } from '../core/domain-error';
import { policyRef } from '../policy/policy';
import { canonicalGrade, isGrade } from '../policy/policy-rules';
import type { Policy } from '../policy/policy';
import type { RatedEmployee } from './rated-employee';
import type { CalibrateRating, FinalizeReviewCycle, OpenReviewCycle, ProposeRating, ReviewCycleCommand, SubmitSelfAssessment } from './review-cycle.commands';
import type { ReviewCycleEvent } from './review-cycle.events';
import { evolveReviewCycle, initialReviewCycleState, type ReviewCycleState } from './review-cycle.state';

type Open = Extract<ReviewCycleState, { status: 'open' }>;

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

function requireOpen(state: ReviewCycleState): Open {
  if (state.status === 'none') throw notFound('review-cycle-not-found', 'No such review cycle');
  if (state.status === 'finalized') throw ruleViolation('review-cycle-finalized', `Review cycle ${state.cycleId} is finalized`);
  return state;
}

/** A command about one person needs them hired and not separated (their standing comes with the command). */
function requireRateable(employeeId: string, employee: RatedEmployee | undefined): void {
  if (employee?.status === 'none') throw notFound('employee-not-found', `No employee ${employeeId}`);
  if (employee?.status === 'separated') throw ruleViolation('employee-separated', `Employee ${employeeId} was separated on ${employee.separatedOn}`);
}

function openReviewCycle(command: OpenReviewCycle, state: ReviewCycleState): ReviewCycleEvent[] {
  if (state.status !== 'none') throw alreadyExists('review-cycle-already-exists', `Review cycle ${command.data.cycleId} already exists`);
  if (command.data.periodEnd <= command.data.periodStart) {
    throw new DomainError('period-end-before-start', 'periodEnd must be after periodStart', 'invalid', { field: 'periodEnd' });
  }
  return [{ type: 'ReviewCycleOpened', data: { ...command.data, policy: policyRef(command.policy) } }];
}

function submitSelfAssessment(command: SubmitSelfAssessment, cycle: Open): ReviewCycleEvent[] {
  requireRateable(command.data.employeeId, command.employee);
  return [{ type: 'SelfAssessmentSubmitted', data: { cycleId: cycle.cycleId, ...command.data } }];
}

function proposeRating(command: ProposeRating, cycle: Open): ReviewCycleEvent[] {
  requireRateable(command.data.employeeId, command.employee);
  const rating = requireGrade(command.policy, command.data.rating);
  if (command.data.managerId === command.data.employeeId) throw ruleViolation('self-rating', 'A manager cannot rate themselves', { field: 'managerId' });
  return [{ type: 'RatingProposed', data: { cycleId: cycle.cycleId, ...command.data, rating } }];
}

/** Calibration moves a proposed (or already calibrated) rating, recording where it came from. */
function calibrateRating(command: CalibrateRating, cycle: Open): ReviewCycleEvent[] {
  const { employeeId, rank, groupId, rationale, decidedBy } = command.data;
  requireRateable(employeeId, command.employee);
  const rating = requireGrade(command.policy, command.data.rating);
  const current = Object.hasOwn(cycle.ratings, employeeId) ? cycle.ratings[employeeId] : undefined;
  if (!current) throw ruleViolation('calibration-without-proposal', `No rating was proposed for ${employeeId} in ${cycle.cycleId}`);
  const fromRating = current.calibrated?.rating ?? current.proposed;
  return [
    {
      type: 'RatingCalibrated',
      data: { cycleId: cycle.cycleId, employeeId, fromRating, rating, rank, groupId, rationale, ...(decidedBy ? { decidedBy } : {}) },
    },
  ];
}

/** Every rating becomes final, in employee id order, under the cycle's policy. */
function finalizeReviewCycle(_command: FinalizeReviewCycle, cycle: Open): ReviewCycleEvent[] {
  const { cycleId } = cycle;
  const finalized: ReviewCycleEvent[] = Object.entries(cycle.ratings)
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
        periodEnd: cycle.periodEnd,
        policy: cycle.policy,
      },
    }));
  return [{ type: 'ReviewCycleFinalized', data: { cycleId, ratedEmployees: finalized.length } }, ...finalized];
}

export function decideReviewCycle(command: ReviewCycleCommand, state: ReviewCycleState): ReviewCycleEvent[] {
  if (command.type === 'OpenReviewCycle') return openReviewCycle(command, state);
  const cycle = requireOpen(state);
  switch (command.type) {
    case 'SubmitSelfAssessment':
      return submitSelfAssessment(command, cycle);
    case 'ProposeRating':
      return proposeRating(command, cycle);
    case 'CalibrateRating':
      return calibrateRating(command, cycle);
    case 'FinalizeReviewCycle':
      return finalizeReviewCycle(command, cycle);
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
