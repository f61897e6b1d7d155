import { considerFocus } from './focus-and-pivot';
import type { FinalizedCycle } from './review-cycle';
import { instantOf } from './calendar';
import { payAtReview } from './pay';
import type { Simulation } from './simulation';

/**
 * Copies each final rating into the employee's stream as the API's RatingDelivery does
 * (occurredAt = period end, caused by the RatingFinalized event, in the finalize's correlation);
 * someone separated since the proposals gets none, as the decider would refuse it. Then the
 * review's pay (raise, refresher: pay.ts) and Focus
 * where the rating triggers it, unless the history ends here.
 */
export function deliverRatings(sim: Simulation, cycle: FinalizedCycle, startFocus: boolean): void {
  const day = cycle.window.calibrationDay;
  for (const finalized of cycle.ratings) {
    const person = sim.chart.byId.get(finalized.data.employeeId);
    if (!person?.active) continue;
    const { cycleId, rating, calibrated, periodEnd, policy } = finalized.data;
    sim.act(person, { type: 'ReceiveRating', data: { cycleId, rating, calibrated, periodEnd, policy } }, day, {
      occurredAt: instantOf(cycle.window.periodEnd),
      correlationId: finalized.metadata.correlationId,
      causationId: finalized.id,
    });
    payAtReview(sim, person, cycleId, rating, day);
    if (startFocus) considerFocus(sim, person, day);
  }
}
