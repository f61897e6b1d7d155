import { DEFAULT_POLICY, policyRef, validatePolicy, type Policy } from '@pm/domain';

/** What the generator records every decision under: DEFAULT_POLICY published as version 1. */
const RECORDED: Policy = { ...DEFAULT_POLICY, version: 1 };

export function policyOf(ref: string): Policy {
  if (ref !== policyRef(RECORDED)) throw new Error(`the generated history names no policy ${ref}`);
  return RECORDED;
}

export interface Counterfactual {
  label: string;
  policy: Policy;
}

/** `base` with `change`, checked as PUT would check it. */
function proposed(label: string, base: Policy, change: (base: Policy) => Partial<Policy>): Counterfactual {
  const policy = { ...base, ...change(base) };
  const { version: _version, ...draft } = policy;
  const problems = validatePolicy(draft);
  if (problems.length > 0) throw new Error(`counterfactual "${label}" is invalid: ${JSON.stringify(problems)}`);
  return { label, policy };
}

const withLe = (base: Policy, le: number): Partial<Policy> => ({ curve: { ...base.curve, targets: { ...base.curve.targets, LE: le } } });

/**
 * The first replay's: the default policy as version 2 with LE 0.10 and `minGroupSize: 1`, so the
 * curve applies to every calibration group and the replay regrades the whole history.
 */
export const FIRST = proposed('LE 0.10, curve minGroupSize 1', { ...RECORDED, version: 2 }, (base) => ({
  curve: { ...base.curve, targets: { ...base.curve.targets, LE: 0.1 }, minGroupSize: 1 },
}));

/** The repeated replays': FIRST's policy with one more change each. */
export const REPEATED: Counterfactual[] = [
  proposed('LE 0.15', FIRST.policy, (base) => withLe(base, 0.15)),
  proposed('Focus after two consecutive LE', FIRST.policy, (base) => ({ focus: { ...base.focus, triggers: [{ grades: ['LE'], consecutive: 2 }] } })),
  proposed('uraTarget 0.04', FIRST.policy, (base) => ({ attrition: { ...base.attrition, uraTarget: 0.04 } })),
];
