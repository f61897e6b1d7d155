import { sealEvents } from '@pm/commands';
import { toDayNumber } from '@pm/domain';
import { reviewWindows } from './calendar';
import { planAnytimeFeedback } from './feedback';
import { planMoves } from './moves';
import { planPromotions } from './promotions';
import { deliverRatings } from './rating-delivery';
import { calibrateAndFinalize, proposeRatings, scheduleReviewPreparation } from './review-cycle';
import { Simulation } from './simulation';
import type { AppendBatch, SimulationOptions } from './simulation-options';
import { DEFAULT_SIMULATION_PARAMETERS } from './simulation-parameters';
import { planHiring, staffCompany } from './staffing';
import { planDepartures } from './voluntary-attrition';

/** Nominations must leave time for a decision before the review opens. */
const PROMOTION_LEAD_DAYS = 45;
/** Hiring stops a month before the review: newcomers would not be rated anyway. */
const HIRING_LEAD_DAYS = 30;

/**
 * A company's history, in the order the API would have recorded it: the staff on day one, then
 * per half-year everything that happened to people up to the review, the cycle's proposals, what
 * happened during the review, the calibration and finalization, then the delivery of the final
 * ratings with the next half-year. Every event comes from `decide` on the folded stream, so each is
 * one the API accepts; the same options give the same batches, byte for byte.
 */
export function* simulateHistory(options: SimulationOptions): Generator<AppendBatch> {
  const seed = options.seed >>> 0;
  const startDay = toDayNumber(options.startDate ?? '2021-01-01');
  const sim = new Simulation(seed, options.policy, { ...DEFAULT_SIMULATION_PARAMETERS, ...options.parameters }, options.tenantId ?? 'default', startDay);
  const windows = reviewWindows(options.startDate ?? '2021-01-01', options.years, seed);

  staffCompany(sim, options.employees, startDay);
  let from = startDay;
  for (const [k, window] of windows.entries()) {
    planDepartures(sim, from, window.calibrationDay);
    planHiring(sim, options.employees, k / 2, from, window.reviewStart - HIRING_LEAD_DAYS);
    planMoves(sim, from, window.reviewStart);
    planPromotions(sim, from, window.reviewStart - PROMOTION_LEAD_DAYS);
    planAnytimeFeedback(sim, from, window.reviewStart);
    scheduleReviewPreparation(sim, window);

    sim.agenda.runUntil(window.reviewStart);
    yield* sim.log.flush();
    const rated = proposeRatings(sim, window);
    yield* sim.log.flush();
    sim.agenda.runUntil(window.calibrationDay);
    yield* sim.log.flush();
    const finalized = calibrateAndFinalize(sim, window, rated);
    yield* sim.log.flush();
    deliverRatings(sim, finalized, k < windows.length - 1);
    from = window.calibrationDay;
  }
  yield* sim.log.flush();
}

/** `simulateHistory` with each event's personal fields sealed (the API's sealer) before it is emitted. */
export async function* simulateOrg(options: SimulationOptions): AsyncGenerator<AppendBatch> {
  const seal = options.seal;
  for (const batch of simulateHistory(options)) yield seal ? { ...batch, events: await sealEvents(batch.events, seal) } : batch;
}
