import type { FocusCase, PersonHistory, RecordedRating } from './compact-history';
import type { Eligibility } from './focus-eligibility';

/** What the proposed policy does to a person's Focus cases. */
export interface FocusReplay {
  /** Cases that happened after a rating the proposed policy no longer lets trigger Focus. */
  removed: FocusCase[];
  /** Indexes of the Pivots those cases escalated to: gone with them, with their outcomes. */
  removedPivots: Set<number>;
  /** The person's exit ended one of those Pivots: it does not happen either. */
  exitRemoved: boolean;
  /** Ratings that newly trigger Focus where none happened: cases to estimate. */
  estimated: RecordedRating[];
}

const NOTHING_CHANGES: FocusReplay = { removed: [], removedPivots: new Set(), exitRemoved: false, estimated: [] };

/**
 * Only what the policy decided changes: a case whose rating allowed Focus as recorded and no longer
 * does is removed, with its Pivot and that Pivot's exit; a rating that newly allows Focus, where
 * none happened, is an estimated case. Everything people decided otherwise stays as it happened
 * (a Focus whose rating never allowed it, an eligible rating nobody acted on).
 */
export function replayFocus(person: PersonHistory, eligibility: Eligibility): FocusReplay {
  const { baseline, counterfactual } = eligibility;
  if (person.ratings.every((r) => baseline[r.index] === counterfactual[r.index])) return NOTHING_CHANGES;
  const triggerOf = (c: FocusCase): RecordedRating | undefined => person.ratings.find((r) => r.cycleId === c.triggerCycleId);
  const removed = person.focusCases.filter((c) => {
    const trigger = triggerOf(c);
    return trigger !== undefined && baseline[trigger.index] === 1 && counterfactual[trigger.index] === 0;
  });
  const removedPivots = new Set(removed.flatMap((c) => (c.pivot === undefined ? [] : [c.pivot])));
  const exitPivot = person.separation?.pivot;
  return {
    removed,
    removedPivots,
    exitRemoved: exitPivot !== undefined && removedPivots.has(exitPivot),
    estimated: person.ratings.filter(
      (r) => counterfactual[r.index] === 1 && baseline[r.index] === 0 && !person.focusCases.some((c) => c.triggerCycleId === r.cycleId),
    ),
  };
}
