import { historyOf, leave, team, transfer } from '../test/replay-events';
import { employedDays, windowDays } from './employed-days';

describe('employedDays', () => {
  it('counts from the hire through the separation, the last day, split by org and calendar year', () => {
    const [person] = historyOf([
      ...team('e', 1, '2024-03-01', 'org-a'),
      transfer('e-01', '2025-02-01', 'org-a', 'org-b'),
      leave('e-01', '2025-06-01', { type: 'voluntary', regretted: true, source: 'caller' }),
    ]).compact().people;
    const counted: [string, string, number][] = [];

    employedDays(person, person.separation?.day, windowDays({ from: '2024-01-01', to: '2025-12-31' }), (org, year, days) => counted.push([org, year, days]));

    // org-a: 2024-03-01..12-31 = 306 days, 2025-01-01..01-31 = 31; org-b: 2025-02-01..06-01 = 121.
    expect(counted).toEqual([
      ['org-a', '2024', 306],
      ['org-a', '2025', 31],
      ['org-b', '2025', 121],
    ]);
  });
});
