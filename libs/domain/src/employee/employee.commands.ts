import type { Policy } from '../policy/policy';
import type {
  BaseSalaryChanged,
  EquityGranted,
  SignOnBonusGranted,
  EmployeeHired,
  EmployeeRehired,
  FeedbackRecorded,
  Goal,
  GoalStatus,
  LeaveKind,
  PivotOption,
  SeparationReasonCode,
  SeparationType,
} from './employee.events';

interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  /** The policy version in force: every number a rule uses comes from it. */
  policy: Policy;
  /**
   * The business date the command happened on: it is judged on the employee as things stood that
   * day (a change recorded ahead of its date not yet in force). Absent: on everything recorded.
   */
  on?: string;
}

export type HireEmployee = Command<'HireEmployee', EmployeeHired['data']>;
export type ChangeManager = Command<'ChangeManager', { managerId: string; effectiveDate: string }>;
export type TransferEmployee = Command<'TransferEmployee', { toOrgId: string; toManagerId?: string; effectiveDate: string }>;
export type SeparateEmployee = Command<
  'SeparateEmployee',
  { type: SeparationType; reason: string; reasonCode?: SeparationReasonCode; regretted?: boolean; effectiveDate: string; decidedBy?: string }
>;
export type RecordFeedback = Command<'RecordFeedback', Omit<FeedbackRecorded['data'], 'employeeId'>>;
export type ReceiveRating = Command<'ReceiveRating', { cycleId: string; rating: string; calibrated: boolean; periodEnd: string; policy: string }>;
export type EnterFocus = Command<'EnterFocus', { startDate: string; dueDate: string; reason: string; goals: Goal[] }>;
export type UpdateFocusGoal = Command<'UpdateFocusGoal', { goalId: string; status: GoalStatus; note?: string }>;
export type CloseFocus = Command<'CloseFocus', { outcome: 'succeeded' | 'escalated'; effectiveDate: string; reason?: string; decidedBy?: string }>;
export type PlaceInPivot = Command<'PlaceInPivot', { startDate: string; reason: string }>;
export type ChoosePivotOption = Command<'ChoosePivotOption', { option: PivotOption; effectiveDate: string; planDueDate?: string; goals?: Goal[] }>;
/** Whether a panel member known here as an employee is still employed. */
export type PanelStanding = 'employed' | 'separated';
export type DecideAppeal = Command<'DecideAppeal', { outcome: 'upheld' | 'overturned'; panel: string[]; decidedAt: string }> & {
  /** The standing of each panel member found as an employee, read from their streams; members not listed are unknown here. */
  panelStanding: Readonly<Record<string, PanelStanding>>;
};
/** Issued by the system, not HR: `businessDate` is today on the business calendar of the check. */
export type RecordPivotChoiceLapse = Command<'RecordPivotChoiceLapse', { businessDate: string }>;
export type ClosePivot = Command<'ClosePivot', { outcome: 'passed' | 'failed'; effectiveDate: string; decidedBy?: string }>;
export type NominateForPromotion = Command<
  'NominateForPromotion',
  { promotionId: string; toLevel: string; nominatedBy: string; document?: string; nominatedOn: string }
>;
export type DecidePromotion = Command<'DecidePromotion', { promotionId: string; approved: boolean; panel: string[]; effectiveDate: string }>;

export type ErasePersonalData = Command<'ErasePersonalData', { reason: string }>;

export type CorrectEvent = Command<
  'CorrectEvent',
  { eventId: string; reason: string; retract?: boolean; correctedData?: Record<string, unknown>; decidedBy?: string }
> & {
  /** The ids of the employee's stream, by revision: how a correction finds the event it names. */
  eventIds: readonly string[];
  /** A final rating's own policy (its cycle's), whose scale a corrected grade must be on; else the policy in force. */
  ratedUnder?: Policy;
};
export type RehireEmployee = Command<'RehireEmployee', Omit<EmployeeRehired['data'], 'employeeId'>>;
export type StartLeave = Command<'StartLeave', { startDate: string; kind: LeaveKind; expectedEndDate?: string }>;
export type EndLeave = Command<'EndLeave', { endDate: string }>;
export type ChangeJob = Command<'ChangeJob', { level?: string; jobFamily?: string; effectiveDate: string; reason: string }>;

export type ChangePay = Command<'ChangePay', Pick<BaseSalaryChanged['data'], 'effectiveDate' | 'baseSalary' | 'reason'>>;
export type GrantSignOn = Command<'GrantSignOn', Omit<SignOnBonusGranted['data'], 'employeeId'>>;
/** `vesting` absent: the policy's default schedule. */
export type GrantEquity = Command<'GrantEquity', Omit<EquityGranted['data'], 'employeeId' | 'vesting'> & { vesting?: EquityGranted['data']['vesting'] }>;

export type EmployeeCommand =
  | ChangePay
  | GrantSignOn
  | GrantEquity
  | ErasePersonalData
  | CorrectEvent
  | RehireEmployee
  | StartLeave
  | EndLeave
  | ChangeJob
  | HireEmployee
  | ChangeManager
  | TransferEmployee
  | SeparateEmployee
  | RecordFeedback
  | ReceiveRating
  | EnterFocus
  | UpdateFocusGoal
  | CloseFocus
  | PlaceInPivot
  | ChoosePivotOption
  | DecideAppeal
  | ClosePivot
  | RecordPivotChoiceLapse
  | NominateForPromotion
  | DecidePromotion;
