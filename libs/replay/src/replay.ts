import { nothingToReplay, policyRef, type Policy } from '@pm/domain';
import { periodDays, within, type Period } from '@pm/projections/analytics/period';
import { caseRates, observeCases } from './case-estimates';
import { ChangedOutcomes } from './changed-outcomes';
import { countRatings } from './count-ratings';
import type { CompactHistory, CycleHistory } from './compact-history';
import { windowDays } from './employed-days';
import { replayFocus } from './focus-cases';
import { focusEligibility } from './focus-eligibility';
import { payDelta, paySummary, type PaySide } from './pay-replay';
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
const PAY_ASSUMPTION =
  'Pay is judged on the recorded pay history: recorded refresher grants are replaced by those each side’s rules grant at every final rating (on its period end, share × the band max, vesting on the policy’s schedule), other grants vest on the policy’s schedule, a base above the band (or top-grade cap) is capped; no raise, no promotion grant and no exit is re-decided, and an estimated exit pays as recorded.';
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
  const pay = replayPay(
    compact,
    cycles,
    ctx,
    focus.map((f) => f.exitRemoved),
  );
  const estimated = focus.some((f) => f.estimated.some((r) => within(r.periodEnd, window)));
  const exitRemoved = compact.people.some((person, i) => focus[i].exitRemoved && within(person.separation!.date, window));
  return {
    position: compact.position,
    ...window,
    policy: { baseline: refsSeen(compact, cycles, window), counterfactual: policyRef(proposed) },
    baseline: { ...ctx.baseline.summary(figures.baseline), pay: pay.baseline },
    counterfactual: { ...ctx.counterfactual.summary(figures.counterfactual), pay: pay.counterfactual },
    diff: { ...replayDiff(ctx, figures, grades), pay: payDelta(pay.baseline, pay.counterfactual) },
    changedOutcomes: ctx.changes.list(),
    assumptions: [
      REGRADE_ASSUMPTION,
      ...(pay.replayed ? [PAY_ASSUMPTION] : []),
      ...(estimated ? rates.assumptions : []),
      ...(exitRemoved ? [EXIT_REMOVED_ASSUMPTION] : []),
    ],
  };
}

/**
 * Pay under each side's rules (ADR 011, ADR 016): the baseline's refreshers by each cycle's
 * recorded policy and grade, judged under the policy of the last cycle up to the window's end (the
 * proposed one when there is none); the counterfactual's under the proposed policy, on the replayed
 * grades and without the exits that no longer happen.
 */
function replayPay(compact: CompactHistory, cycles: readonly CycleHistory[], ctx: ReplayContext, exitRemoved: readonly boolean[]) {
  const last = cycles.at(-1);
  const baseline: PaySide = {
    judge: last ? ctx.recorded(last.policy) : ctx.proposed,
    policyAt: (rating) => ctx.recorded(rating.policy),
    gradeOf: (rating) => (ctx.regrades.recorded[rating.index] === undefined ? undefined : rating.grade),
    exitRemoved: () => false,
  };
  const counterfactual: PaySide = {
    judge: ctx.proposed,
    policyAt: () => ctx.proposed,
    gradeOf: (rating) => ctx.regrades.counterfactual[rating.index],
    exitRemoved: (_person, i) => exitRemoved[i],
  };
  return {
    baseline: paySummary(compact.people, baseline, ctx.window),
    counterfactual: paySummary(compact.people, counterfactual, ctx.window),
    replayed: compact.people.some((p) => (p.pay?.salaries.length ?? 0) > 0),
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
