import { canonicalGrade, type Policy } from '@pm/domain';
import type { CycleHistory } from './compact-history';
import { curveTargets } from './forced-grades';
import type { PolicyFigures } from './summary-book';

/** A policy's curve and URA target, with grades named as the proposed scale names them. */
export function policyFigures(policy: Policy, proposed: Policy): PolicyFigures {
  return {
    curveTargets: Object.fromEntries([...curveTargets(policy)].map(([code, share]) => [canonicalGrade(proposed, code), share])),
    uraTarget: policy.attrition.uraTarget,
  };
}

/** The baseline's figures are those of the policy the last cycle up to the window's end was rated under. */
export function baselineFigures(cycles: readonly CycleHistory[], recorded: (ref: string) => Policy, proposed: Policy): PolicyFigures {
  const last = cycles.at(-1);
  if (last === undefined) return { curveTargets: {}, uraTarget: null };
  return policyFigures(recorded(last.policy), proposed);
}
