import type { PersonHistory } from './compact-history';
import type { Eligibility } from './focus-eligibility';

/** What the recorded history shows about how Focus cases go, to estimate the cases a policy creates. */
export interface ObservedCases {
  /** Ratings after which a Focus trigger held, as recorded. */
  eligibleRatings: number;
  /** Of those, the ones a Focus followed. */
  eligibleWithFocus: number;
  closedFocus: number;
  escalatedToPivot: number;
  decidedPivots: number;
  /** Buyouts, lost appeals and failed plans. */
  pivotExits: number;
}

export interface CaseRates {
  focusPerEligible: number;
  pivotPerFocus: number;
  exitPerPivot: number;
  /** How each rate was obtained, for the replay's `assumptions`. */
  assumptions: string[];
}

/** The reported figures, used when the history has no case to learn from. */
const APPEAL_WIN_RATE = 0.1;
const PLAN_PASS_RATE = 0.3;
const FOCUS_EXIT_SHARE = 1 / 3;
/** The three Pivot options taken as equally likely: a buyout always exits. */
const DEFAULT_EXIT_PER_PIVOT = (1 + (1 - APPEAL_WIN_RATE) + (1 - PLAN_PASS_RATE)) / 3;

const PIVOT_EXITS = new Set(['buyout', 'appealLost', 'failed']);

/** Counts, over the recorded history up to `to`, how often what the estimates need happened. */
export function observeCases(people: readonly PersonHistory[], eligibility: Eligibility, to: string): ObservedCases {
  const observed: ObservedCases = { eligibleRatings: 0, eligibleWithFocus: 0, closedFocus: 0, escalatedToPivot: 0, decidedPivots: 0, pivotExits: 0 };
  for (const person of people) {
    for (const rating of person.ratings) {
      if (eligibility.baseline[rating.index] === 0) continue;
      observed.eligibleRatings++;
      if (person.focusCases.some((c) => c.triggerCycleId === rating.cycleId)) observed.eligibleWithFocus++;
    }
    for (const focus of person.focusCases) {
      if (focus.startDate > to || focus.outcome === undefined) continue;
      observed.closedFocus++;
      if (focus.pivot !== undefined) observed.escalatedToPivot++;
    }
    for (const pivot of person.pivotCases) {
      if (pivot.startDate > to || pivot.outcome === undefined) continue;
      observed.decidedPivots++;
      if (PIVOT_EXITS.has(pivot.outcome)) observed.pivotExits++;
    }
  }
  return observed;
}

const shown = (x: number): string => String(Math.round(x * 10_000) / 10_000);

export function caseRates(observed: ObservedCases): CaseRates {
  const { eligibleRatings, eligibleWithFocus, closedFocus, escalatedToPivot, decidedPivots, pivotExits } = observed;
  const assumptions: string[] = [];

  const focusPerEligible = eligibleRatings > 0 ? eligibleWithFocus / eligibleRatings : 1;
  assumptions.push(
    eligibleRatings > 0
      ? `A rating that newly allows Focus leads to one with probability ${shown(focusPerEligible)}: the recorded share of ratings allowing Focus that a Focus followed (${eligibleWithFocus} of ${eligibleRatings}).`
      : 'A rating that newly allows Focus is assumed to lead to one: no recorded rating allowed Focus to learn from.',
  );

  const exitPerPivot = decidedPivots > 0 ? pivotExits / decidedPivots : DEFAULT_EXIT_PER_PIVOT;
  const pivotPerFocus = closedFocus > 0 ? escalatedToPivot / closedFocus : Math.min(1, FOCUS_EXIT_SHARE / exitPerPivot);
  assumptions.push(
    closedFocus > 0
      ? `An expected Focus escalates to Pivot with probability ${shown(pivotPerFocus)}: the recorded share of closed Focus cases that led to a Pivot (${escalatedToPivot} of ${closedFocus}).`
      : `An expected Focus escalates to Pivot with probability ${shown(pivotPerFocus)}, so that a third of Focus cases end in an exit (as reported: more than a third do): no recorded Focus case closed.`,
  );
  assumptions.push(
    decidedPivots > 0
      ? `An expected Pivot ends in an exit with probability ${shown(exitPerPivot)}: the recorded share of Pivot outcomes that were a buyout, a lost appeal or a failed plan (${pivotExits} of ${decidedPivots}).`
      : `An expected Pivot ends in an exit with probability ${shown(exitPerPivot)}: the reported defaults with the three options equally likely (a buyout exits, an appeal wins ${APPEAL_WIN_RATE * 100}%, a plan passes ${PLAN_PASS_RATE * 100}%); no recorded Pivot was decided.`,
  );
  assumptions.push(
    "Expected Focus entries, Pivots and exits count in the org and year of the rating that allows them, as unregretted involuntary exits; they leave the rest of the person's recorded history and the headcount unchanged.",
  );
  return { focusPerEligible, pivotPerFocus, exitPerPivot, assumptions };
}
