import {
  withRatingInPeriodOrder,
  type EmployeeHired,
  type EmployeeSeparated,
  type FocusEntered,
  type Promoted,
  type PromotionNominated,
  type RatingFinalized,
  type FinalRatingCorrected,
  type RatingReceived,
} from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import type { Projection } from '@pm/projections/projection';

/** A final rating delivered to the employee, as their own rules read it. */
export interface ReceivedRating {
  cycleId: string;
  grade: string;
  periodEnd: string;
  policy: string;
}

/** A final rating as its cycle recorded it: grade, calibration rank and group. */
export interface CycleFinal {
  grade: string;
  periodEnd: string;
  policy: string;
  rank?: number;
  groupId?: string;
}

export interface NominationFact {
  promotionId: string;
  /** Business date of the nomination. */
  date: string;
  levelSince: string;
  /** `policyId@version` the nomination was decided under, when the event says. */
  policy?: string;
  lastRating?: ReceivedRating;
  /** The final ratings received by then, oldest period first, as many as a promotion look-back reads (10). */
  recentRatings: ReceivedRating[];
}

export interface SeparationDecision {
  regrettedSource: 'caller' | 'policy';
  policy?: string;
  lastRating?: ReceivedRating;
}

/**
 * What an employee's events say that the workforce projection does not keep and a replay needs:
 * each cycle's final rating with its rank and group, which rating each decision saw, under which
 * policy, and who decided `regretted`.
 */
export interface ReplayFacts {
  employeeId: string;
  levelSince: string;
  /** By cycle, from the cycle's own stream (also for a rating never delivered, as after a separation). */
  finals: Record<string, CycleFinal>;
  /** The latest rating received, in the order received (a late delivery of an old cycle counts). */
  lastRating?: ReceivedRating;
  /** Every rating delivered, in period order; a cycle delivered again replaces its earlier rating. */
  received: ReceivedRating[];
  /** Per Focus entered, in order: the cycles whose ratings allowed it. */
  focusTriggers: string[][];
  separation?: SeparationDecision;
  nominations: NominationFact[];
}

/** The longest promotion look-back a policy may set. */
const MAX_LOOK_BACK = 10;

const employeeIdOf = (event: EventEnvelope): string => (event.data as { employeeId: string }).employeeId;
const dataOf = <E extends { data: unknown }>(event: EventEnvelope): E['data'] => event.data;

/** One document per employee (key: employeeId); events of an employee never hired are ignored. */
export const replayFacts: Projection<ReplayFacts> = {
  name: 'replay-facts',
  version: 2,
  handles: new Set([
    'EmployeeHired',
    'Promoted',
    'RatingFinalized',
    'FinalRatingCorrected',
    'RatingReceived',
    'FocusEntered',
    'EmployeeSeparated',
    'PromotionNominated',
  ]),
  keysOf: (event) => [employeeIdOf(event)],
  apply(event, docs) {
    const key = employeeIdOf(event);
    if (event.type === 'EmployeeHired') {
      const { employeeId, hireDate } = dataOf<EmployeeHired>(event);
      docs.put(key, { employeeId, levelSince: hireDate, finals: {}, received: [], focusTriggers: [], nominations: [] });
      return;
    }
    const facts = docs.get(key);
    if (facts !== undefined) docs.put(key, evolve(facts, event));
  },
};

function evolve(facts: ReplayFacts, event: EventEnvelope): ReplayFacts {
  const policy = event.metadata.policyVersion;
  switch (event.type) {
    case 'RatingFinalized': {
      const { cycleId, rating, periodEnd, policy: ratedUnder, rank, groupId } = dataOf<RatingFinalized>(event);
      const final: CycleFinal = {
        grade: rating,
        periodEnd,
        policy: ratedUnder,
        ...(rank === undefined ? {} : { rank }),
        ...(groupId === undefined ? {} : { groupId }),
      };
      return { ...facts, finals: { ...facts.finals, [cycleId]: final } };
    }
    case 'FinalRatingCorrected': {
      // The cycle mirrors a corrected or retracted final rating: replays read the corrected grade, or none.
      const { cycleId, toRating } = dataOf<FinalRatingCorrected>(event);
      const { [cycleId]: final, ...others } = facts.finals;
      const finals = final === undefined ? facts.finals : toRating === undefined ? others : { ...others, [cycleId]: { ...final, grade: toRating } };
      const received = facts.received.flatMap((r) => (r.cycleId !== cycleId ? [r] : toRating === undefined ? [] : [{ ...r, grade: toRating }]));
      return { ...facts, finals, received, lastRating: received.at(-1) };
    }
    case 'Promoted':
      return { ...facts, levelSince: dataOf<Promoted>(event).effectiveDate };
    case 'RatingReceived': {
      const { cycleId, rating, periodEnd, policy: ratedUnder } = dataOf<RatingReceived>(event);
      const received: ReceivedRating = { cycleId, grade: rating, periodEnd, policy: ratedUnder };
      const inOrder = withRatingInPeriodOrder(facts.received, received);
      return { ...facts, lastRating: inOrder.at(-1), received: inOrder };
    }
    case 'FocusEntered':
      return { ...facts, focusTriggers: [...facts.focusTriggers, [...dataOf<FocusEntered>(event).triggeredBy]] };
    case 'EmployeeSeparated':
      return { ...facts, separation: { regrettedSource: dataOf<EmployeeSeparated>(event).regrettedSource, policy, lastRating: facts.lastRating } };
    case 'PromotionNominated': {
      const nomination: NominationFact = {
        promotionId: dataOf<PromotionNominated>(event).promotionId,
        date: event.metadata.occurredAt.slice(0, 10),
        levelSince: facts.levelSince,
        policy,
        lastRating: facts.lastRating,
        recentRatings: facts.received.slice(-MAX_LOOK_BACK),
      };
      return { ...facts, nominations: [...facts.nominations, nomination] };
    }
    default:
      return facts;
  }
}
