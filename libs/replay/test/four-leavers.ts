import { cycle, group, leave, team, type EventSpec } from './replay-events';

/**
 * Four people in org-a hired 2023-01-01, rated in c-2024 (a group of 4: no curve), all leaving on
 * 2025-02-01. Recorded line: regretted from HV3 up.
 * - r-01 HV2, voluntary, regretted by the policy's rule (HV2 is at or above HV3).
 * - r-02 HV2, voluntary, regretted because the caller said so.
 * - r-03 TT, voluntary, regretted by the rule.
 * - r-04 HV3, involuntary, unregretted by the rule (an involuntary exit never is regretted by it).
 */
export const FOUR_LEAVERS: EventSpec[] = [
  ...team('r', 4, '2023-01-01', 'org-a'),
  ...cycle('c-2024', '2024-12-31', group('r', ['HV2', 'HV2', 'TT', 'HV3'], { ranked: false })),
  leave('r-01', '2025-02-01', { type: 'voluntary', regretted: true, source: 'policy', lastGrade: 'HV2' }),
  leave('r-02', '2025-02-01', { type: 'voluntary', regretted: true, source: 'caller', lastGrade: 'HV2' }),
  leave('r-03', '2025-02-01', { type: 'voluntary', regretted: true, source: 'policy', lastGrade: 'TT' }),
  leave('r-04', '2025-02-01', { type: 'involuntary', regretted: false, source: 'policy', lastGrade: 'HV3' }),
];
