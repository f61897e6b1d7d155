import type { DomainEvent } from '../core/decider';
import type { Money, PivotOnLapse, VestingStep } from '../policy/policy';

export type SeparationType = 'voluntary' | 'involuntary';
/** Exit codes HR records; the last three are recorded by the Pivot steps themselves. */
export const SEPARATION_REASON_CODES = [
  'resignation',
  'layoff',
  'misconduct',
  'probation',
  'retirement',
  'other',
  'pivot_buyout',
  'appeal_lost',
  'pivot_failed',
] as const;
export type SeparationReasonCode = (typeof SEPARATION_REASON_CODES)[number];
export type PivotOption = 'buyout' | 'appeal' | 'improvement_plan';
export type GoalStatus = 'met' | 'missed' | 'in_progress';

export interface Goal {
  goalId: string;
  description: string;
  measure: string;
}

export type EmployeeHired = DomainEvent<
  'EmployeeHired',
  {
    employeeId: string;
    name: string;
    email: string;
    level: string;
    jobFamily: string;
    orgId: string;
    managerId?: string;
    hireDate: string;
    location?: string;
    attributes?: Record<string, string>;
  }
>;
export type ManagerChanged = DomainEvent<'ManagerChanged', { employeeId: string; fromManagerId?: string; toManagerId: string; effectiveDate: string }>;
export type EmployeeTransferred = DomainEvent<
  'EmployeeTransferred',
  {
    employeeId: string;
    fromOrgId: string;
    toOrgId: string;
    fromManagerId?: string;
    toManagerId?: string;
    effectiveDate: string;
    /** A transfer during Focus is allowed but flagged. */
    duringFocus: boolean;
  }
>;
export type EmployeeSeparated = DomainEvent<
  'EmployeeSeparated',
  {
    employeeId: string;
    type: SeparationType;
    reason: string;
    regretted: boolean;
    /** `caller` when the HR platform said so; `policy` when the regretted rule decided. */
    regrettedSource: 'caller' | 'policy';
    /** What kind of exit, as a code beside the free-text reason. */
    reasonCode?: SeparationReasonCode;
    /** The employee id of who decided. */
    decidedBy?: string;
    lastGrade?: string;
    /** Pivot separations: weeks of base pay by the policy's formula (a lost appeal or failed plan gets its share). */
    severanceWeeks?: number;
    /** Pivot separations: the severance owed, from the policy's compensation formula on the base in force that day; absent when no base is known. */
    severance?: Money;
    effectiveDate: string;
  }
>;
export type FeedbackRecorded = DomainEvent<
  'FeedbackRecorded',
  {
    employeeId: string;
    fromEmployeeId: string;
    kind: 'peer360' | 'anytime';
    sentiment: 'positive' | 'neutral' | 'negative';
    principles?: string[];
    text: string;
    cycleId?: string;
  }
>;
/** A review cycle's final grade, delivered to the employee's own history. */
export type RatingReceived = DomainEvent<
  'RatingReceived',
  {
    employeeId: string;
    cycleId: string;
    rating: string;
    calibrated: boolean;
    periodEnd: string;
    policy: string;
  }
>;
export type FocusEntered = DomainEvent<
  'FocusEntered',
  {
    employeeId: string;
    startDate: string;
    dueDate: string;
    reason: string;
    goals: Goal[];
    /** The final ratings (cycle ids) that made Focus allowed. */
    triggeredBy: string[];
  }
>;
export type FocusGoalUpdated = DomainEvent<'FocusGoalUpdated', { employeeId: string; goalId: string; status: GoalStatus; note?: string }>;
export type FocusClosed = DomainEvent<
  'FocusClosed',
  {
    employeeId: string;
    outcome: 'succeeded' | 'escalated';
    effectiveDate: string;
    /** A reason code: an escalation before the due date needs one the policy allows. */
    reason?: string;
    /** The employee id of who decided. */
    decidedBy?: string;
  }
>;
export type PivotPlaced = DomainEvent<'PivotPlaced', { employeeId: string; startDate: string; reason: string; choiceDeadline: string }>;
export type PivotOptionChosen = DomainEvent<
  'PivotOptionChosen',
  {
    employeeId: string;
    option: PivotOption;
    effectiveDate: string;
    planDueDate?: string;
    goals?: Goal[];
  }
>;
export type BuyoutAccepted = DomainEvent<'BuyoutAccepted', { employeeId: string; effectiveDate: string; severanceWeeks?: number }>;
export type AppealDecided = DomainEvent<'AppealDecided', { employeeId: string; outcome: 'upheld' | 'overturned'; panel: string[]; decidedAt: string }>;
export type PivotClosed = DomainEvent<'PivotClosed', { employeeId: string; outcome: 'passed' | 'failed'; effectiveDate: string; decidedBy?: string }>;
/** The choice window passed on the business calendar with no option recorded: `lapsedOn` is the first business day after `choiceDeadline`. */
export type PivotChoiceWindowLapsed = DomainEvent<
  'PivotChoiceWindowLapsed',
  { employeeId: string; choiceDeadline: string; lapsedOn: string; onLapse: PivotOnLapse }
>;
export type PromotionNominated = DomainEvent<
  'PromotionNominated',
  {
    employeeId: string;
    promotionId: string;
    fromLevel: string;
    toLevel: string;
    nominatedBy: string;
    document?: string;
    /** The nomination's date; absent on nominations recorded before it was kept. */
    nominatedOn?: string;
  }
>;
export type PromotionDecided = DomainEvent<
  'PromotionDecided',
  { employeeId: string; promotionId: string; approved: boolean; panel: string[]; effectiveDate: string }
>;
export type Promoted = DomainEvent<'Promoted', { employeeId: string; promotionId: string; fromLevel: string; toLevel: string; effectiveDate: string }>;

/** A correction names the event it corrects: its id, where it sits in the employee's stream, and its type. */
interface Correction {
  employeeId: string;
  eventId: string;
  revision: number;
  eventType: EmployeeEventType;
  reason: string;
  /** The employee id of who approved the correction. */
  decidedBy?: string;
}

/** Reads follow the corrected history: the named event as if these fields had been recorded. */
export type EventCorrected = DomainEvent<'EventCorrected', Correction & { correctedData: Record<string, unknown> }>;
/** Reads follow the history without the named event (a separation rescinded, a rating keyed for the wrong person). */
export type EventRetracted = DomainEvent<'EventRetracted', Correction>;

/** A new employment period for someone who left: same person, same history. */
export type EmployeeRehired = DomainEvent<
  'EmployeeRehired',
  { employeeId: string; hireDate: string; level: string; jobFamily: string; orgId: string; managerId?: string }
>;
export type LeaveKind = 'parental' | 'medical' | 'other';
export type LeaveStarted = DomainEvent<'LeaveStarted', { employeeId: string; startDate: string; kind: LeaveKind; expectedEndDate?: string }>;
/** `pausedDays`: the days on leave a running Focus or plan's due date moved by, when the policy says so. */
export type LeaveEnded = DomainEvent<'LeaveEnded', { employeeId: string; startDate: string; endDate: string; pausedDays?: number }>;
/** A level or job-family change that is not a promotion: a demotion, a move to another job family. */
export type JobChanged = DomainEvent<
  'JobChanged',
  { employeeId: string; fromLevel: string; toLevel: string; fromJobFamily: string; toJobFamily: string; effectiveDate: string; reason: string }
>;

export const PAY_CHANGE_REASONS = ['hire', 'review', 'promotion', 'adjustment', 'job-change'] as const;
export type PayChangeReason = (typeof PAY_CHANGE_REASONS)[number];

/** A new annual base from a date, with the job it was judged against (the employee's level and job family that day). */
export type BaseSalaryChanged = DomainEvent<
  'BaseSalaryChanged',
  { employeeId: string; effectiveDate: string; baseSalary: Money; reason: PayChangeReason; level: string; jobFamily: string }
>;
/** A sign-on bonus paid in instalments; `clawback.months`: a voluntary exit within that many months of an instalment owes part of it back. */
export type SignOnBonusGranted = DomainEvent<
  'SignOnBonusGranted',
  { employeeId: string; grantDate: string; currency: string; instalments: { payDate: string; amount: number }[]; clawback?: { months: number } }
>;
export const EQUITY_GRANT_KINDS = ['initial', 'refresher', 'promotion'] as const;
export type EquityGrantKind = (typeof EQUITY_GRANT_KINDS)[number];
/** Units of stock granted at a unit value; `vesting` is always recorded (the policy default resolved when it was decided). */
export type EquityGranted = DomainEvent<
  'EquityGranted',
  { employeeId: string; grantId: string; kind: EquityGrantKind; grantDate: string; units: number; unitValue: Money; vesting: VestingStep[] }
>;
/** A voluntary exit within a sign-on's clawback months: what is owed back, pro rata. Appended with the EmployeeSeparated. */
export type SignOnClawbackOwed = DomainEvent<'SignOnClawbackOwed', { employeeId: string; grantDate: string; separationDate: string; owed: Money }>;

/** The person's key was destroyed: their personal fields read as erased everywhere (GDPR art. 17). */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { employeeId: string; reason: string }>;

export type EmployeeEvent =
  | PersonalDataErased
  | EmployeeHired
  | ManagerChanged
  | EmployeeTransferred
  | EmployeeSeparated
  | FeedbackRecorded
  | RatingReceived
  | FocusEntered
  | FocusGoalUpdated
  | FocusClosed
  | PivotPlaced
  | PivotOptionChosen
  | BuyoutAccepted
  | AppealDecided
  | PivotClosed
  | PivotChoiceWindowLapsed
  | PromotionNominated
  | PromotionDecided
  | Promoted
  | EventCorrected
  | EventRetracted
  | EmployeeRehired
  | LeaveStarted
  | LeaveEnded
  | JobChanged
  | BaseSalaryChanged
  | SignOnBonusGranted
  | EquityGranted
  | SignOnClawbackOwed;

export type EmployeeEventType = EmployeeEvent['type'];

// A Record, not a list: adding an event type above fails compilation until it is listed here.
const EVENT_TYPES: Record<EmployeeEventType, true> = {
  EmployeeHired: true,
  ManagerChanged: true,
  EmployeeTransferred: true,
  EmployeeSeparated: true,
  FeedbackRecorded: true,
  RatingReceived: true,
  FocusEntered: true,
  FocusGoalUpdated: true,
  FocusClosed: true,
  PivotPlaced: true,
  PivotOptionChosen: true,
  BuyoutAccepted: true,
  AppealDecided: true,
  PivotClosed: true,
  PivotChoiceWindowLapsed: true,
  PromotionNominated: true,
  PromotionDecided: true,
  Promoted: true,
  PersonalDataErased: true,
  EventCorrected: true,
  EventRetracted: true,
  EmployeeRehired: true,
  LeaveStarted: true,
  LeaveEnded: true,
  JobChanged: true,
  BaseSalaryChanged: true,
  SignOnBonusGranted: true,
  EquityGranted: true,
  SignOnClawbackOwed: true,
};

/** Every event an employee stream can hold. */
export const EMPLOYEE_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly EmployeeEventType[];
