import type { EventSpec } from '../../test/envelopes';
import { adverseImpact } from './adverse-impact';
import { enterFocus, hire, on, recordsOf, separate, team } from '../../test/workforce-events';

const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

/**
 * What the API does at query time: open each record's sealed attributes and read one. Here the
 * "decrypted" values come from a table; an erased person's ciphertext can no longer be opened.
 */
function attributeReader(events: readonly EventSpec[], values: Record<string, string>) {
  const records = recordsOf(events);
  const byId = new Map(records.map((r) => [r.employeeId, r]));
  return { records, attributeOf: (employeeId: string) => (byId.get(employeeId)?.erased ? undefined : values[employeeId]) };
}

const valuesFor = (value: string, ids: string[]): Record<string, string> => Object.fromEntries(ids.map((id) => [id, value]));
const ids = (prefix: string, size: number): string[] => Array.from({ length: size }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
const erase = (employeeId: string): EventSpec => on('2025-06-01', 'PersonalDataErased', { employeeId, reason: 'request' });

describe('adverseImpact', () => {
  it('flags a group when the lowest rate is under four fifths of its own', () => {
    const { records, attributeOf } = attributeReader(
      [
        ...team('x', 10, '2024-01-01', 'org-a'),
        ...team('y', 10, '2024-01-01', 'org-a'),
        ...team('z', 3, '2024-01-01', 'org-a'),
        ...team('u', 2, '2024-01-01', 'org-a'),
        enterFocus('x-01', '2025-03-01', '2025-05-01'),
        enterFocus('y-01', '2025-03-01', '2025-05-01'),
        enterFocus('y-02', '2025-04-01', '2025-06-01'),
        enterFocus('y-03', '2025-09-01', '2025-11-01'),
        // In Focus, but erased: counted as unknown, in no group.
        enterFocus('u-01', '2025-03-01', '2025-05-01'),
        erase('u-01'),
        erase('u-02'),
        // Not employed in 2025: in no population.
        hire('x-gone', '2023-01-01', 'org-a'),
        separate('x-gone', '2024-12-15', { type: 'voluntary', regretted: true }),
        hire('x-later', '2026-02-01', 'org-a'),
      ],
      {
        ...valuesFor('x', [...ids('x', 10), 'x-gone', 'x-later']),
        ...valuesFor('y', ids('y', 10)),
        ...valuesFor('z', ids('z', 3)),
        ...valuesFor('u', ids('u', 2)),
      },
    );

    const report = adverseImpact(records, attributeOf, { attribute: 'ageBand', outcome: 'focus', ...YEAR_2025, minGroupSize: 5 });

    // x: 1 / 10 = 0.1; y: 3 / 10 = 0.3; z: 3 people < 5, suppressed (its rate 0 would otherwise be
    // the reference and flag both). Lowest reported rate 0.1:
    //   x: 0.1 / 0.1 = 1 → not flagged; y: 0.1 / 0.3 = 0.3333 < 0.8 → flagged.
    // unknown: u-01 and u-02, erased.
    expect(report).toEqual({
      attribute: 'ageBand',
      outcome: 'focus',
      ...YEAR_2025,
      groups: [
        { value: 'x', population: 10, affected: 1, rate: 0.1, impactRatio: 1, flagged: false },
        { value: 'y', population: 10, affected: 3, rate: 0.3, impactRatio: 0.3333, flagged: true },
      ],
      suppressed: [{ value: 'z', population: 3 }],
      suppressedGroups: 1,
      unknown: 2,
      rule: expect.stringContaining('Four-fifths rule'),
    });
  });

  it('does not flag a ratio of exactly four fifths; only involuntary separations count', () => {
    const { records, attributeOf } = attributeReader(
      [
        ...team('x', 10, '2024-01-01', 'org-a'),
        ...team('y', 8, '2024-01-01', 'org-a'),
        separate('x-01', '2025-03-01', { type: 'involuntary', regretted: false }),
        separate('x-02', '2025-05-01', { type: 'involuntary', regretted: false }),
        // Voluntary: stays in the population, not affected.
        separate('x-03', '2025-06-01', { type: 'voluntary', regretted: true }),
        separate('y-01', '2025-03-01', { type: 'involuntary', regretted: false }),
        separate('y-02', '2025-07-01', { type: 'involuntary', regretted: false }),
      ],
      { ...valuesFor('f', ids('x', 10)), ...valuesFor('m', ids('y', 8)) },
    );

    const report = adverseImpact(records, attributeOf, { attribute: 'gender', outcome: 'involuntarySeparation', ...YEAR_2025, minGroupSize: 5 });

    // f: 2 / 10 = 0.2 (the lowest); m: 2 / 8 = 0.25 → impactRatio 0.2 / 0.25 = 0.8, not below 0.8.
    expect(report.groups).toEqual([
      { value: 'f', population: 10, affected: 2, rate: 0.2, impactRatio: 1, flagged: false },
      { value: 'm', population: 8, affected: 2, rate: 0.25, impactRatio: 0.8, flagged: false },
    ]);
    expect(report.unknown).toBe(0);
    expect(report.suppressed).toEqual([]);
  });

  it('counts every separation in the period, including one on its first day', () => {
    const { records, attributeOf } = attributeReader(
      [
        ...team('x', 5, '2024-01-01', 'org-a'),
        // Last day employed 2024-12-31, separated 2025-01-01: in the population and affected.
        separate('x-01', '2025-01-01', { type: 'voluntary', regretted: true }),
        separate('x-02', '2025-12-31', { type: 'involuntary', regretted: false }),
      ],
      valuesFor('x', ids('x', 5)),
    );

    // 2 / 5 = 0.4; the only reported group is its own reference.
    expect(adverseImpact(records, attributeOf, { attribute: 'gender', outcome: 'separation', ...YEAR_2025, minGroupSize: 5 }).groups).toEqual([
      { value: 'x', population: 5, affected: 2, rate: 0.4, impactRatio: 1, flagged: false },
    ]);
  });

  it('with complementary suppression, also hides the smallest reported group while the suppressed ones are fewer than the minimum', () => {
    const { records, attributeOf } = attributeReader(
      [
        ...team('x', 10, '2024-01-01', 'org-a'),
        ...team('y', 7, '2024-01-01', 'org-a'),
        ...team('w', 6, '2024-01-01', 'org-a'),
        ...team('z', 3, '2024-01-01', 'org-a'),
        enterFocus('x-01', '2025-03-01', '2025-05-01'),
        enterFocus('w-01', '2025-03-01', '2025-05-01'),
      ],
      { ...valuesFor('x', ids('x', 10)), ...valuesFor('y', ids('y', 7)), ...valuesFor('w', ids('w', 6)), ...valuesFor('z', ids('z', 3)) },
    );
    const query = { attribute: 'band', outcome: 'focus' as const, ...YEAR_2025, minGroupSize: 5 };

    // z (3) alone would be "everyone minus x, y, w": w (6, the smallest shown) is suppressed with it, 9 people together.
    const report = adverseImpact(records, attributeOf, { ...query, complementary: true });
    expect(report.groups.map((g) => g.value)).toEqual(['x', 'y']);
    expect(report.suppressed).toEqual([
      { value: 'w', population: 6 },
      { value: 'z', population: 3 },
    ]);
    expect(report.suppressedGroups).toBe(2);
    // The reference is among the reported groups only: y's 0 of 7.
    expect(report.groups[0]).toMatchObject({ value: 'x', rate: 0.1, impactRatio: 0, flagged: true });
    expect(report.rule).toContain('so are the smallest others');

    // Without it, only z is suppressed.
    expect(adverseImpact(records, attributeOf, query).groups.map((g) => g.value)).toEqual(['w', 'x', 'y']);
  });
});
