import { isBelowBar, type RatingFinalized } from '@pm/domain';
import type { NewEvent } from '@pm/event-store';
import { dateOf, type ReviewWindow } from './calendar';
import { requestPeerFeedback } from './feedback';
import { calibrateToCurve, proposeGrade, type Calibratee } from './grading';
import type { Org, Person } from './org-chart';
import type { Simulation } from './simulation';
import { calibrationRationale, narrative, principles, selfAssessment } from './texts';

/** Only people hired at least 90 days before the period ends are rated. */
const MIN_DAYS_BEFORE_PERIOD_END = 90;
/** 360 feedback is asked for three weeks before the review; the cycle opens then. */
const FEEDBACK_DAYS = 21;

const rateable = (person: Person, window: ReviewWindow): boolean =>
  person.active && person.role !== 'chief' && person.hireDay <= window.periodEnd - MIN_DAYS_BEFORE_PERIOD_END;

/** Three weeks before the review: this half-year's performance is settled and 360 feedback is asked for. */
export function scheduleReviewPreparation(sim: Simulation, window: ReviewWindow): void {
  sim.agenda.at(window.reviewStart - FEEDBACK_DAYS, () => prepareReview(sim, window));
}

function prepareReview(sim: Simulation, window: ReviewWindow): void {
  const rho = sim.params.talentPersistence;
  for (const person of sim.chart.everyone.toArray()) {
    person.performance = rho * person.talent + Math.sqrt(1 - rho * rho) * sim.random.normal();
    if (rateable(person, window)) requestPeerFeedback(sim, person, window.cycleId, window.reviewStart - FEEDBACK_DAYS, window.reviewStart);
  }
}

/** Spreads n commands evenly over `days` days from `from`, in order, so a stream's dates never go back. */
const spread = (from: number, days: number, i: number, n: number): number => from + Math.floor((i * days) / Math.max(n, 1));

/**
 * Opens the cycle, records self-assessments and each manager's proposal for everyone active now.
 * A manager proposes what they saw (performance through their bias and noise), a little generously.
 */
export function proposeRatings(sim: Simulation, window: ReviewWindow): Person[] {
  const { random, params, policy } = sim;
  const rated = sim.chart.everyone.toArray().filter((p) => rateable(p, window));
  const { cycleId, reviewStart } = window;
  sim.review(
    cycleId,
    { type: 'OpenReviewCycle', data: { cycleId, name: window.name, periodStart: dateOf(window.periodStart), periodEnd: dateOf(window.periodEnd) } },
    reviewStart - FEEDBACK_DAYS,
  );
  rated.forEach((person, i) => {
    if (random.chance(params.selfAssessmentRate)) {
      sim.review(
        cycleId,
        { type: 'SubmitSelfAssessment', data: { employeeId: person.id, text: selfAssessment(random, person.performance) } },
        spread(reviewStart - 14, 7, i, rated.length),
      );
    }
  });
  const spreadSd = Math.sqrt(1 + params.managerBias ** 2 + params.proposalNoise ** 2);
  rated.forEach((person, i) => {
    const managerId = sim.employee(person).managerId as string;
    const bias = sim.chart.byId.get(managerId)?.bias ?? 0;
    const perceived = (person.performance + bias + random.normal() * params.proposalNoise) / spreadSd + params.managerLeniency;
    const rating = proposeGrade(policy, sim.shares, perceived);
    const strong = !isBelowBar(policy, rating);
    const met = principles(random, strong ? random.int(3, 5) : random.int(1, 2));
    const missed = principles(random, strong ? random.int(0, 1) : random.int(2, 3), met);
    sim.review(
      cycleId,
      { type: 'ProposeRating', data: { employeeId: person.id, managerId, rating, principles: { met, missed }, narrative: narrative(random, rating, strong) } },
      spread(reviewStart - 7, 7, i, rated.length),
    );
  });
  return rated;
}

/** Orgs in chart order, merged until each group reaches the curve's minimum size (enforced in groups of 50+). */
function calibrationGroups(sim: Simulation, people: readonly Person[]): { groupId: string; people: Person[] }[] {
  const byOrg = new Map<Org, Person[]>(sim.chart.orgs.map((org) => [org, []]));
  for (const person of people) byOrg.get(person.org as Org)?.push(person);
  const minimum = sim.policy.curve.minGroupSize ?? 0;
  const groups: { groupId: string; people: Person[] }[] = [];
  let open: { groupId: string; people: Person[] } | undefined;
  for (const [org, members] of byOrg) {
    if (members.length === 0) continue;
    open ??= { groupId: `cal-${org.id}`, people: [] };
    open.people.push(...members);
    if (open.people.length >= minimum) {
      groups.push(open);
      open = undefined;
    }
  }
  if (open) {
    if (groups.length > 0) groups[groups.length - 1].people.push(...open.people);
    else groups.push(open);
  }
  return groups;
}

export interface FinalizedCycle {
  window: ReviewWindow;
  ratings: NewEvent<RatingFinalized['data']>[];
}

/**
 * The calibration session: each group stack-ranks the people still here and moves ratings to the
 * curve (RatingCalibrated with rank and group), then the cycle is finalized. People who left since
 * the proposals keep their proposed grade.
 */
export function calibrateAndFinalize(sim: Simulation, window: ReviewWindow, rated: readonly Person[]): FinalizedCycle {
  const { random, params, policy } = sim;
  const day = window.calibrationDay;
  for (const group of calibrationGroups(
    sim,
    rated.filter((p) => p.active),
  )) {
    const proposals: Calibratee[] = group.people.map((p) => ({
      employeeId: p.id,
      proposed: sim.cycle(window.cycleId).ratings[p.id].proposed,
      score: p.performance + random.normal() * params.calibrationNoise,
    }));
    for (const move of calibrateToCurve(policy, proposals)) {
      sim.review(
        window.cycleId,
        {
          type: 'CalibrateRating',
          data: {
            employeeId: move.employeeId,
            rating: move.to,
            rank: move.rank,
            groupId: group.groupId,
            rationale: calibrationRationale(move.from, move.to, move.rank, group.people.length),
          },
        },
        day,
      );
    }
  }
  const finalized = sim.review(window.cycleId, { type: 'FinalizeReviewCycle', data: {} }, day);
  return { window, ratings: finalized.filter((e) => e.type === 'RatingFinalized') as NewEvent<RatingFinalized['data']>[] };
}
