import type { Policy } from '@pm/domain';
import type { Period } from '@pm/projections/analytics/period';
import type { CaseRates } from './case-estimates';
import type { ChangedOutcomes } from './changed-outcomes';
import type { WindowDays } from './employed-days';
import type { ProposedScale } from './proposed-scale';
import type { Regrades } from './recurve';
import type { SummaryBook } from './summary-book';

/** What every step of one replay shares. */
export interface ReplayContext {
  window: Period;
  days: WindowDays;
  proposed: Policy;
  scale: ProposedScale;
  recorded: (ref: string) => Policy;
  regrades: Regrades;
  rates: CaseRates;
  baseline: SummaryBook;
  counterfactual: SummaryBook;
  changes: ChangedOutcomes;
}
