import { chosenPolicy, cyclePolicyChoice, employeePolicyChoice, reviewCycleDecider, type ReviewCycleEvent } from '@pm/domain';
import { refused } from '../../test/decider-specification';
import { BYTEDANCE, DEFAULT, hired, ratingReceived } from '../../test/employee-fixtures';
import { evolveEmployee, initialEmployeeState } from '../employee/employee.state';

const DEFAULT_V2 = { ...DEFAULT, version: 2 };
const versions = [DEFAULT, DEFAULT_V2];

describe('the policy in force', () => {
  it('an exact reference picks that version, even when a later one is published', () => {
    expect(chosenPolicy({ ref: `${DEFAULT.policyId}@1` }, versions)).toBe(DEFAULT);
  });

  it('the latest of a policy picks its newest version', () => {
    expect(chosenPolicy({ latestOf: DEFAULT.policyId }, versions)).toBe(DEFAULT_V2);
  });

  it('refuses a version never published', () => {
    refused(() => chosenPolicy({ ref: `${DEFAULT.policyId}@7` }, versions)).thenThrows('policy-not-found', 'not-found');
  });

  it('refuses a policy named in the request that was never published, as bad input naming policyId', () => {
    const error = refused(() => chosenPolicy({ latestOf: 'acme', requested: true }, undefined)).thenThrows('policy-not-found', 'invalid');
    expect(error.details).toEqual({ field: 'policyId' });
  });

  it('a missing default policy is not the caller’s mistake: not found', () => {
    refused(() => chosenPolicy({ latestOf: 'acme' }, [])).thenThrows('policy-not-found', 'not-found');
  });
});

describe('which policy a decision uses', () => {
  it('an employee follows the policy of their latest final rating, else the default', () => {
    const hiredOnly = [hired()].reduce(evolveEmployee, initialEmployeeState());
    const ratedUnderByteDance = [hired(), ratingReceived('2023', 'M-', BYTEDANCE)].reduce(evolveEmployee, initialEmployeeState());

    expect(employeePolicyChoice(hiredOnly, 'amazon')).toEqual({ latestOf: 'amazon' });
    expect(employeePolicyChoice(ratedUnderByteDance, 'amazon')).toEqual({ latestOf: BYTEDANCE.policyId });
    expect(employeePolicyChoice(initialEmployeeState(), 'amazon')).toEqual({ latestOf: 'amazon' });
  });

  it('a new cycle takes the requested policy or the default; an opened one keeps its exact version', () => {
    const opened: ReviewCycleEvent = {
      type: 'ReviewCycleOpened',
      data: { cycleId: 'c', name: 'c', periodStart: '2024-01-01', periodEnd: '2024-06-30', policy: `${BYTEDANCE.policyId}@1` },
    };
    const none = reviewCycleDecider.initialState();

    expect(cyclePolicyChoice(none, undefined, 'amazon')).toEqual({ latestOf: 'amazon' });
    expect(cyclePolicyChoice(none, 'bytedance', 'amazon')).toEqual({ latestOf: 'bytedance', requested: true });
    expect(cyclePolicyChoice(reviewCycleDecider.evolve(none, opened), 'amazon', 'amazon')).toEqual({ ref: `${BYTEDANCE.policyId}@1` });
  });
});
