import { choosePivotOption, closeFocus, cycle, enterFocus, group, placeInPivot, planFailed, team, type EventSpec } from './replay-events';

/**
 * Twenty people hired 2023-01-01, rated once in c-2024 (period end 2024-12-31) under the recorded
 * curve (TT 20%, LE 6%, groups of 10 and more), which in a group of 10 forces ranks 1-2 to TT
 * (round 2) and rank 10 to LE (round 0.6 = 1):
 * - org-a, calibration group a-L4, ranked 1..10: TT TT HV1 HV1 HV2 HV2 HV2 HV3 HV3 LE.
 * - org-b, no calibration group (grouped by org), unranked: TT TT HV1 HV2 HV2 HV2 HV3 HV3 HV3 LE;
 *   the unranked are ordered by grade, then id, so b-09 is the ninth, b-10 the tenth.
 * a-10 (LE) went through Focus (2025-01-20, escalated 2025-03-20), Pivot (2025-03-21), an
 * improvement plan, failed it and left on 2025-05-20. b-10 (LE) was never put on Focus.
 */
export const TWO_GROUPS: EventSpec[] = [
  ...team('a', 10, '2023-01-01', 'org-a'),
  ...team('b', 10, '2023-01-01', 'org-b'),
  ...cycle('c-2024', '2024-12-31', [
    ...group('a', ['TT', 'TT', 'HV1', 'HV1', 'HV2', 'HV2', 'HV2', 'HV3', 'HV3', 'LE'], { groupId: 'a-L4' }),
    ...group('b', ['TT', 'TT', 'HV1', 'HV2', 'HV2', 'HV2', 'HV3', 'HV3', 'HV3', 'LE'], { ranked: false }),
  ]),
  enterFocus('a-10', '2025-01-20', '2025-03-20', ['c-2024']),
  closeFocus('a-10', '2025-03-20', 'escalated'),
  placeInPivot('a-10', '2025-03-21'),
  choosePivotOption('a-10', '2025-03-24', 'improvement_plan'),
  ...planFailed('a-10', '2025-05-20', 'LE'),
];

export const WINDOW = { from: '2024-01-01', to: '2025-12-31' };
