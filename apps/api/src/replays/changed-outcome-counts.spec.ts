import type { ChangedOutcome } from '@pm/replay';
import { countChanges } from './replays.service';

const change = (employee: string, org: string, outcome: ChangedOutcome['outcome'], baseline: unknown, counterfactual: unknown, cycleId?: string) =>
  ({ employee, org, outcome, baseline, counterfactual, ...(cycleId ? { cycleId } : {}) }) as ChangedOutcome;

describe("an analyst's changed outcomes", () => {
  it('counts changes by kind overall and per shown org, naming nobody and no suppressed org', () => {
    const rows = countChanges(
      [
        change('a1', 'big', 'grade', 'HV2', 'LE', 'c1'),
        change('a2', 'big', 'grade', 'HV2', 'LE', 'c1'),
        change('a3', 'big', 'grade', 'HV3', 'LE', 'c1'),
        change('s1', 'small', 'grade', 'HV2', 'LE', 'c1'),
        change('a1', 'big', 'separation', 'performance', null),
      ],
      new Set(['big']),
    );
    expect(rows).toEqual([
      { cycleId: 'c1', outcome: 'grade', baseline: 'HV2', counterfactual: 'LE', count: 3 },
      { cycleId: 'c1', outcome: 'grade', baseline: 'HV3', counterfactual: 'LE', count: 1 },
      { outcome: 'separation', baseline: 'performance', counterfactual: null, count: 1 },
      { org: 'big', cycleId: 'c1', outcome: 'grade', baseline: 'HV2', counterfactual: 'LE', count: 2 },
      { org: 'big', cycleId: 'c1', outcome: 'grade', baseline: 'HV3', counterfactual: 'LE', count: 1 },
      { org: 'big', outcome: 'separation', baseline: 'performance', counterfactual: null, count: 1 },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/a1|a2|a3|s1|small/);
  });
});
