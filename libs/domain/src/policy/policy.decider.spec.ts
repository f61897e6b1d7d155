import { BYTEDANCE_POLICY, DEFAULT_POLICY, fold, InvalidPolicy, policyDecider, policyStreamId, type PolicyEvent } from '@pm/domain';
import { spec } from '../../test/decider-specification';

const policies = spec(policyDecider);
const publish = (document: unknown) => ({ type: 'PublishPolicy' as const, data: { document } });
const published = (version: number, draft = DEFAULT_POLICY): PolicyEvent => ({ type: 'PolicyPublished', data: { policy: { ...draft, version } } });

describe('publishing a policy', () => {
  it('publishes the first document as version 1', () => {
    policies
      .given([])
      .when(publish(DEFAULT_POLICY))
      .then([published(1)]);
  });

  it('numbers later documents 2, then 3', () => {
    const changed = { ...DEFAULT_POLICY, focus: { ...DEFAULT_POLICY.focus, maxDays: 60, defaultDays: 45 } };
    policies
      .given([published(1)])
      .when(publish(changed))
      .then([published(2, changed)]);
    policies
      .given([published(1), published(2, changed)])
      .when(publish(DEFAULT_POLICY))
      .then([published(3)]);
  });

  it('ignores a version carried by the document', () => {
    policies
      .given([published(1)])
      .when(publish({ ...DEFAULT_POLICY, version: 42 }))
      .then([published(2)]);
  });

  it('keeps the latest version as the one in force', () => {
    const state = fold(policyDecider, [published(1), published(2, BYTEDANCE_POLICY)]);
    expect(state).toEqual({ status: 'published', current: { ...BYTEDANCE_POLICY, version: 2 } });
  });

  it('refuses an invalid document with every problem named by field', () => {
    const bad = { ...DEFAULT_POLICY, focus: { ...DEFAULT_POLICY.focus, minDays: 0 }, promotion: { minGrade: 'EE', minMonthsInLevel: 12 } };
    const error = policies
      .given([published(1)])
      .when(publish(bad))
      .thenThrows('invalid-policy', 'invalid');
    expect(error).toBeInstanceOf(InvalidPolicy);
    const problems = (error as InvalidPolicy).problems;
    expect(problems.map((p) => p.field)).toEqual(['focus.minDays', 'promotion.minGrade']);
    expect(error.details).toEqual({ problems });
  });

  it.each([undefined, null, 'a policy', []])('refuses %p as a document', (document) => {
    const error = policies.given([]).when(publish(document)).thenThrows('invalid-policy', 'invalid');
    expect((error as InvalidPolicy).problems.length).toBeGreaterThan(0);
  });

  it('names its stream after the policy id', () => {
    expect(policyStreamId('bytedance')).toBe('policy-bytedance');
  });
});
