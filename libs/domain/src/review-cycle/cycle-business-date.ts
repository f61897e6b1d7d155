import type { ReviewCycleCommand } from './review-cycle.commands';
import type { ReviewCycleState } from './review-cycle.state';

/**
 * When a cycle command happened in the business, where the caller did not say: opening on the
 * period's first day, everything after it (assessments, proposals, calibration, finalization) on the
 * period's last day. Never the server's clock: a 2023 cycle recorded today is dated in 2023.
 */
export function cycleBusinessDate(command: Pick<ReviewCycleCommand, 'type' | 'data'>, state: ReviewCycleState): string {
  if (command.type === 'OpenReviewCycle') return (command.data as { periodStart: string }).periodStart;
  if (state.status === 'none') throw new Error(`${command.type} on a cycle that was never opened has no business date`);
  return state.periodEnd;
}
