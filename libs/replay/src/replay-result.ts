import type { Policy } from '@pm/domain';
import type { PayDelta, PaySummary } from './pay-replay';
import type { ReplaySummary } from './summary-book';
import type { ReplaySummaryDelta } from './summary-delta';

export interface ReplayOptions {
  /** The published policy a recorded `policyId@version` names. */
  policyOf(ref: string): Policy;
  /** The proposed policy: a whole document. */
  counterfactual: Policy;
  /** Business dates, both included; default: the history's first and last. */
  from?: string;
  to?: string;
  /** How an employee is named in `changedOutcomes`; default: the id. */
  pseudonym?(employeeId: string): string;
  /** Also name, on each changed outcome, the org it is counted in (as `diff.byOrg` counts it): for callers that count them by org. */
  orgs?: boolean;
}

export type ReplayOutcome = 'grade' | 'focusEligible' | 'focus' | 'separation' | 'regretted' | 'promotionEligible';

/**
 * One person's outcome that the proposed policy changes. `grade`: codes of the proposed scale.
 * `focusEligible`, `regretted`, `promotionEligible`: booleans. `focus`: true/false for a case that
 * happened and is removed; for a case estimated, `false` → the expected probability it happens.
 * `separation`: the reason code of an exit that no longer happens → null.
 */
export interface ChangedOutcome {
  employee: string;
  /** The cycle of the rating concerned (the one that allows a Focus, for `focus`). */
  cycleId?: string;
  outcome: ReplayOutcome;
  baseline: string | number | boolean | null;
  counterfactual: string | number | boolean | null;
  /** With `ReplayOptions.orgs`: the org the outcome is counted in. */
  org?: string;
}

export interface ReplayResult {
  /** The history position replayed: every event up to it was read. */
  position: number;
  from: string;
  to: string;
  policy: {
    /** The recorded policies the window's decisions were made under. */
    baseline: string[];
    counterfactual: string;
  };
  /** `pay`: the side's pay figures at the window's end, overall only (counts and sums). */
  baseline: ReplaySummary & { pay: PaySummary };
  counterfactual: ReplaySummary & { pay: PaySummary };
  diff: {
    /** counterfactual − baseline of `pay`, only what differs. */
    pay: PayDelta;
    overall: ReplaySummaryDelta;
    /** Orgs (as on each outcome's date) where something differs. */
    byOrg: ({ org: string } & ReplaySummaryDelta)[];
    /** Calendar years where something differs. */
    byPeriod: ({ period: string } & ReplaySummaryDelta)[];
  };
  changedOutcomes: ChangedOutcome[];
  /** Every estimate and simplification the counterfactual rests on, in words. */
  assumptions: string[];
}
