import fc from 'fast-check';
import { historyArb, policyArb } from '../test/random-history';
import { historyOf, policyOf } from '../test/replay-events';
import { TWO_GROUPS } from '../test/two-groups';
import { replay } from './replay';

const NO_DIFF = { overall: {}, byOrg: [], byPeriod: [], pay: {} };

describe('replay under the recorded policy', () => {
  it('changes nothing in a hand-built history', () => {
    const history = historyOf(TWO_GROUPS);
    const result = replay(history, { policyOf, counterfactual: policyOf('default@1') });

    expect(result.diff).toEqual(NO_DIFF);
    expect(result.changedOutcomes).toEqual([]);
    expect(result.counterfactual).toEqual(result.baseline);
  });

  it('changes nothing in any history, whatever the recorded policy and the recorded decisions', () => {
    fc.assert(
      fc.property(historyArb, policyArb, (specs, policy) => {
        // The proposed document is a copy of the recorded one, published again as another version.
        const result = replay(historyOf(specs), { policyOf: () => policy, counterfactual: { ...structuredClone(policy), version: 2 } });

        expect(result.diff).toEqual(NO_DIFF);
        expect(result.changedOutcomes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
