import { nothingToReplay, policyRef, type Policy } from '@pm/domain';
import { periodDays, within, type Period } from '@pm/projections/analytics/period';
import { caseRates, observeCases } from './case-estimates';
import { ChangedOutcomes } from './changed-outcomes';
import { countRatings } from './count-ratings';
import type { CompactHistory, CycleHistory } from './compact-history';
import { windowDays } from './employed-days';
import { replayFocus } from './focus-cases';
import { focusEligibility } from './focus-eligibility';
import { tallyPerson } from './person-outcomes';
import { baselineFigures, policyFigures } from './policy-figures';
import { ProposedScale } from './proposed-scale';
import { recurve } from './recurve';
import type { ReplayContext } from './replay-context';
import { replayDiff } from './replay-diff';
import type { ReplayHistory } from './replay-history';
import type { ReplayOptions, ReplayResult } from './replay-result';
import { SummaryBook } from './summary-book';

const REGRADE_ASSUMPTION =
  'Final grades keep every calibration group and rank as recorded: only positions whose curve quota changes get another grade, and a grade recorded outside the quota is kept.';
const EXIT_REMOVED_ASSUMPTION = 'People whose exit no longer happens count as employed until the end of the window, with no further rating or case.';

/**
 * The recorded history (baseline) beside the same history under a proposed policy
 * (counterfactual), over [from, to]. Pure and synchronous: it reads the history's compact form
 * and the policies it is given, nothing else, and writes nothing.
 */
export function replay(history: ReplayHistory, options: ReplayOptions): ReplayResult {
  const compact = history.compact();
  const proposed = options.counterfactual;
  const recorded = memoized(options.policyOf);
  const window = windowOf(compact, options);
  const cycles = compact.cycles.filter((c) => c.periodEnd <= window.to);
  const scale = new ProposedScale(proposed);
  const grades = proposed.scale.grades.map((g) => g.code);
  const regrades = recurve(cycles, compact.ratingCount, recorded, scale);
  const eligibility = focusEligibility(compact.people, regrades, recorded, proposed, compact.ratingCount);
  const focus = compact.people.map((person) => replayFocus(person, eligibility));
  const rates = caseRates(observeCases(compact.people, eligibility, window.to));
  const ctx: ReplayContext = {
    window,
    days: windowDays(window),
    proposed,
    scale,
    recorded,
    regrades,
    rates,
    baseline: new SummaryBook(grades),
    counterfactual: new SummaryBook(grades),
    changes: new ChangedOutcomes(options.pseudonym, options.orgs),
  };

  countRatings(compact, cycles, ctx);
  compact.people.forEach((person, i) => tallyPerson(person, eligibility, focus[i], ctx));

  const figures = { baseline: baselineFigures(cycles, recorded, proposed), counterfactual: policyFigures(proposed, proposed) };
  const estimated = focus.some((f) => f.estimated.some((r) => within(r.periodEnd, window)));
  const exitRemoved = compact.people.some((person, i) => focus[i].exitRemoved && within(person.separation!.date, window));
  return {
    position: compact.position,
    ...window,
    policy: { baseline: refsSeen(compact, cycles, window), counterfactual: policyRef(proposed) },
    baseline: ctx.baseline.summary(figures.baseline),
    counterfactual: ctx.counterfactual.summary(figures.counterfactual),
    diff: replayDiff(ctx, figures, grades),
    changedOutcomes: ctx.changes.list(),
    assumptions: [REGRADE_ASSUMPTION, ...(estimated ? rates.assumptions : []), ...(exitRemoved ? [EXIT_REMOVED_ASSUMPTION] : [])],
  };
}

function windowOf(compact: CompactHistory, options: ReplayOptions): Period {
  const from = options.from ?? compact.firstDate;
  const to = options.to ?? compact.lastDate;
  if (from === undefined || to === undefined) throw nothingToReplay();
  periodDays({ from, to });
  return { from, to };
}

function memoized(policyOf: (ref: string) => Policy): (ref: string) => Policy {
  const policies = new Map<string, Policy>();
  return (ref) => {
    let policy = policies.get(ref);
    if (policy === undefined) policies.set(ref, (policy = policyOf(ref)));
    return policy;
  };
}

/** The recorded policies the window's ratings, separations and nominations were decided under. */
function refsSeen(compact: CompactHistory, cycles: readonly CycleHistory[], window: Period): string[] {
  const refs = new Set(cycles.filter((c) => within(c.periodEnd, window)).map((c) => c.policy));
  for (const { separation, nominations } of compact.people) {
    if (separation?.policy && within(separation.date, window)) refs.add(separation.policy);
    for (const n of nominations) if (n.policy && within(n.date, window)) refs.add(n.policy);
  }
  return [...refs].sort();
}
