import { envelopes, historyOf, nominate, on, policyOf, proposal, team } from '../test/replay-events';
import { TWO_GROUPS, WINDOW } from '../test/two-groups';
import { replay } from './replay';
import { ReplayHistory } from './replay-history';

const EVENTS = envelopes([...TWO_GROUPS, nominate('a-01', 'promo-1', '2025-06-01')]);
const MORE_LE = proposal({ curve: { targets: { TT: 0.2, LE: 0.2 }, minGroupSize: 10 } });

describe('ReplayHistory', () => {
  it('folded in parts, offered again and again, equals the history folded at once', () => {
    const once = new ReplayHistory();
    once.apply(EVENTS);

    for (const cut of [0, 1, 20, 45, EVENTS.length - 1]) {
      const parts = new ReplayHistory();
      expect(parts.apply(EVENTS.slice(0, cut))).toBe(cut);
      parts.compact();
      // The whole feed again: what was folded already is skipped.
      expect(parts.apply(EVENTS)).toBe(EVENTS.length - cut);
      expect(parts.position).toBe(EVENTS.length);
      expect(parts.compact()).toEqual(once.compact());
      expect(replay(parts, { policyOf, counterfactual: MORE_LE, ...WINDOW })).toEqual(replay(once, { policyOf, counterfactual: MORE_LE, ...WINDOW }));
    }
  });

  it('builds its compact form once and reuses it until new events arrive', () => {
    const history = new ReplayHistory();
    history.apply(EVENTS.slice(0, -1));
    const first = history.compact();

    replay(history, { policyOf, counterfactual: MORE_LE });
    expect(history.compact()).toBe(first);
    expect(history.apply(EVENTS.slice(0, -1))).toBe(0);
    expect(history.compact()).toBe(first);

    history.apply(EVENTS);
    expect(history.compact()).not.toBe(first);
    expect(history.compact().people.find((p) => p.employeeId === 'a-01')?.nominations).toHaveLength(1);
  });

  it('groups a rating delivered without its cycle by its cycle and the org on the period end', () => {
    const compact = historyOf([
      ...team('e', 2, '2024-01-01', 'org-a'),
      on('2024-12-31', 'RatingReceived', {
        employeeId: 'e-01',
        cycleId: 'c-old',
        rating: 'HV2',
        calibrated: false,
        periodEnd: '2024-12-31',
        policy: 'default@1',
      }),
      on('2024-12-31', 'RatingReceived', {
        employeeId: 'e-02',
        cycleId: 'c-old',
        rating: 'LE',
        calibrated: false,
        periodEnd: '2024-12-31',
        policy: 'default@1',
      }),
    ]).compact();

    expect(compact.policies).toEqual(['default@1']);
    expect(compact.cycles).toHaveLength(1);
    expect(compact.cycles[0]).toMatchObject({ cycleId: 'c-old', policy: 'default@1', periodEnd: '2024-12-31' });
    expect(compact.cycles[0].groups.map((g) => g.map((r) => [r.employeeId, r.group, r.grade]))).toEqual([
      [
        ['e-01', 'org-a', 'HV2'],
        ['e-02', 'org-a', 'LE'],
      ],
    ]);
  });

  it('holds no personal field, not even sealed', () => {
    const history = historyOf(TWO_GROUPS);
    const result = replay(history, { policyOf, counterfactual: MORE_LE });

    expect(JSON.stringify(history.compact())).not.toContain('$pii');
    expect(JSON.stringify(result)).not.toContain('$pii');
  });

  it('names employees by the pseudonym it is given', () => {
    const result = replay(historyOf(TWO_GROUPS), { policyOf, counterfactual: MORE_LE, pseudonym: (id) => `p-${[...id].reverse().join('')}` });

    expect([...new Set(result.changedOutcomes.map((c) => c.employee))]).toEqual(['p-90-a', 'p-90-b']);
  });

  it('names the org each changed outcome is counted in only when asked', () => {
    const plain = replay(historyOf(TWO_GROUPS), { policyOf, counterfactual: MORE_LE });
    const withOrgs = replay(historyOf(TWO_GROUPS), { policyOf, counterfactual: MORE_LE, orgs: true });

    expect(plain.changedOutcomes.length).toBeGreaterThan(0);
    expect(plain.changedOutcomes.some((c) => 'org' in c)).toBe(false);
    // a-* people are in org-a, b-* in org-b, as diff.byOrg counts them.
    expect(withOrgs.changedOutcomes.map((c) => [c.employee.slice(0, 1), c.org])).toEqual(
      plain.changedOutcomes.map((c) => [c.employee.slice(0, 1), `org-${c.employee.slice(0, 1)}`]),
    );
    expect(withOrgs.changedOutcomes.map(({ org: _org, ...change }) => change)).toEqual(plain.changedOutcomes);
  });
});
