import { addDays } from '../core/business-date';
import { correctedHistory, recordedFact, type RecordedFact } from './corrections';
import type { EmployeeEvent, Goal, GoalStatus, LeaveKind, PivotOption, SeparationReasonCode } from './employee.events';
import { withRatingInPeriodOrder } from './rating-order';
import type { Money } from '../policy/policy';

/** An annual base from a date. */
export interface BasePay {
  effectiveDate: string;
  baseSalary: Money;
}

export interface SignOn {
  grantDate: string;
  currency: string;
  instalments: { payDate: string; amount: number }[];
  clawback?: { months: number };
}

export interface FinalRating {
  cycleId: string;
  rating: string;
  periodEnd: string;
  policy: string;
}

export interface FocusCase {
  startDate: string;
  dueDate: string;
  goals: Record<string, Goal & { status: GoalStatus }>;
}

export interface PivotCase {
  startDate: string;
  choiceDeadline: string;
  option?: PivotOption;
  /** When the option was chosen: an appeal is filed, a plan starts, on this day. */
  optionChosenOn?: string;
  planDueDate?: string;
  /** The first business day after the deadline, once the window was recorded as lapsed with no option chosen. */
  lapsedOn?: string;
}

export interface Employment {
  employeeId: string;
  level: string;
  levelSince: string;
  jobFamily: string;
  orgId: string;
  managerId?: string;
  hireDate: string;
  /** Final ratings, oldest period first (`withRatingInPeriodOrder`), whatever order they were delivered in. */
  ratings: FinalRating[];
  /** When the latest Focus closed as escalated, while no Pivot has used that escalation yet. */
  escalatedFocusOn?: string;
  /** The person's personal data was erased (their key destroyed). */
  erased?: boolean;
  /** Cycles whose ratings already led to a Focus: one rating cannot start two. */
  focusTriggerCycles: string[];
  openPromotions: Record<string, { toLevel: string; nominatedOn?: string }>;
  decidedPromotions: string[];
  /** Leave under way: no Focus, Pivot or plan judgement meanwhile. */
  leave?: { startDate: string; kind: LeaveKind };
  /** Base pay of this employment period, by effective date (absent: none recorded). */
  pay?: BasePay[];
  /** Sign-on bonuses of this employment period. */
  signOns?: SignOn[];
  /** Equity grant ids ever recorded for the person. */
  equityGrants?: string[];
  /**
   * Every event of the stream, by revision, without personal fields or free text: corrections name
   * an event by revision, and the state is then the fold of the corrected history.
   */
  history: RecordedFact[];
}

/** Discriminated on `status`: which commands make sense depends on it. */
export type EmployeeState =
  | { status: 'none' }
  | ({ status: 'active' } & Employment)
  | ({ status: 'focus'; focus: FocusCase } & Employment)
  | ({ status: 'pivot'; pivot: PivotCase } & Employment)
  | ({ status: 'separated'; separatedOn: string; separationReasonCode?: SeparationReasonCode } & Employment);

export const initialEmployeeState = (): EmployeeState => ({ status: 'none' });

function employment(state: EmployeeState): Employment {
  if (state.status === 'none') throw new Error('an employee event before EmployeeHired');
  // What each status adds beside the employment goes; the employment's own fields stay.
  const {
    status: _status,
    focus: _focus,
    pivot: _pivot,
    separatedOn: _separatedOn,
    separationReasonCode: _code,
    ...rest
  } = state as Employment & Partial<Record<'status' | 'focus' | 'pivot' | 'separatedOn' | 'separationReasonCode', unknown>>;
  return rest;
}

const isCorrection = (event: EmployeeEvent): boolean => event.type === 'EventCorrected' || event.type === 'EventRetracted';

/** Folds one event; a correction folds the corrected history again from the start. */
export function evolveEmployee(state: EmployeeState, event: EmployeeEvent): EmployeeState {
  const history = [...(state.status === 'none' ? [] : state.history), recordedFact(event)];
  return withHistory(isCorrection(event) ? foldFacts(correctedHistory(history)) : evolveFact(state, event), history);
}

/** The state these facts fold to, from nothing. */
export function foldFacts(facts: readonly RecordedFact[]): EmployeeState {
  return facts.reduce(evolveFact, initialEmployeeState());
}

export function withHistory(state: EmployeeState, history: RecordedFact[]): EmployeeState {
  return state.status === 'none' ? state : { ...state, history };
}

/**
 * A separation recorded ahead of its date stays the last word: what is recorded afterwards (dated
 * before the last day) updates the employment, never the status. The state on an earlier day
 * (`employeeOn`) folds those events without the separation.
 */
function evolveFact(state: EmployeeState, event: EmployeeEvent): EmployeeState {
  if (state.status !== 'separated' || event.type === 'EmployeeRehired' || event.type === 'EmployeeSeparated') return evolveOne(state, event);
  const { separatedOn, separationReasonCode } = state;
  const next = evolveOne({ ...employment(state), status: 'active' }, event);
  return { ...employment(next), status: 'separated', separatedOn, separationReasonCode };
}

function evolveOne(state: EmployeeState, event: EmployeeEvent): EmployeeState {
  if (event.type === 'EmployeeHired') {
    const d = event.data;
    return {
      status: 'active',
      employeeId: d.employeeId,
      level: d.level,
      levelSince: d.hireDate,
      jobFamily: d.jobFamily,
      orgId: d.orgId,
      managerId: d.managerId,
      hireDate: d.hireDate,
      ratings: [],
      focusTriggerCycles: [],
      openPromotions: {},
      decidedPromotions: [],
      history: [],
    };
  }
  const base = employment(state);
  const keep = <S extends EmployeeState>(next: Partial<Employment>): S => ({ ...state, ...next }) as S;
  switch (event.type) {
    case 'ManagerChanged':
      return keep({ managerId: event.data.toManagerId });
    case 'EmployeeTransferred':
      // A transfer names the new org's manager, or leaves the person without one until a manager change.
      return keep({ orgId: event.data.toOrgId, managerId: event.data.toManagerId });
    case 'EmployeeSeparated':
      return { ...base, status: 'separated', separatedOn: event.data.effectiveDate, separationReasonCode: event.data.reasonCode, leave: undefined };
    case 'EmployeeRehired': {
      // A new employment period: the rules judge it on its own ratings, the earlier ones stay in the history.
      const { hireDate, level, jobFamily, orgId, managerId } = event.data;
      return {
        ...base,
        status: 'active',
        hireDate,
        level,
        levelSince: hireDate,
        jobFamily,
        orgId,
        managerId,
        ratings: [],
        escalatedFocusOn: undefined,
        openPromotions: {},
        // Pay is the new period's: recorded again from the rehire.
        pay: undefined,
        signOns: undefined,
      };
    }
    case 'JobChanged': {
      const { toLevel, toJobFamily, effectiveDate } = event.data;
      return keep({ level: toLevel, jobFamily: toJobFamily, levelSince: toLevel === base.level ? base.levelSince : effectiveDate });
    }
    case 'LeaveStarted':
      return keep({ leave: { startDate: event.data.startDate, kind: event.data.kind } });
    case 'LeaveEnded':
      return withClocksMoved({ ...state, ...base, leave: undefined } as EmployeeState, event.data.pausedDays ?? 0);
    case 'EventCorrected':
    case 'EventRetracted':
      return state;
    case 'FeedbackRecorded':
    case 'BuyoutAccepted':
      return state;
    case 'AppealDecided':
      return event.data.outcome === 'overturned' ? { ...base, status: 'active' } : state;
    case 'RatingReceived': {
      const { cycleId, rating, periodEnd, policy } = event.data;
      return keep({ ratings: withRatingInPeriodOrder(base.ratings, { cycleId, rating, periodEnd, policy }) });
    }
    case 'FocusEntered': {
      const goals = Object.fromEntries(event.data.goals.map((g): [string, FocusCase['goals'][string]] => [g.goalId, { ...g, status: 'in_progress' }]));
      return {
        ...base,
        status: 'focus',
        // A new Focus is now the latest one: an earlier escalation no longer opens the way to Pivot.
        escalatedFocusOn: undefined,
        focusTriggerCycles: [...base.focusTriggerCycles, ...event.data.triggeredBy],
        focus: { startDate: event.data.startDate, dueDate: event.data.dueDate, goals },
      };
    }
    case 'FocusGoalUpdated': {
      if (state.status !== 'focus') return state;
      const goal = state.focus.goals[event.data.goalId];
      return { ...state, focus: { ...state.focus, goals: { ...state.focus.goals, [event.data.goalId]: { ...goal, status: event.data.status } } } };
    }
    case 'FocusClosed':
      return { ...base, status: 'active', escalatedFocusOn: event.data.outcome === 'escalated' ? event.data.effectiveDate : undefined };
    case 'PivotPlaced':
      return { ...base, status: 'pivot', escalatedFocusOn: undefined, pivot: { startDate: event.data.startDate, choiceDeadline: event.data.choiceDeadline } };
    case 'PivotOptionChosen':
      if (state.status !== 'pivot') return state;
      return { ...state, pivot: { ...state.pivot, option: event.data.option, optionChosenOn: event.data.effectiveDate, planDueDate: event.data.planDueDate } };
    case 'PivotChoiceWindowLapsed':
      if (state.status !== 'pivot') return state;
      return { ...state, pivot: { ...state.pivot, lapsedOn: event.data.lapsedOn } };
    case 'PivotClosed':
      return event.data.outcome === 'passed' ? { ...base, status: 'active' } : state;
    case 'PromotionNominated':
      return keep({
        openPromotions: { ...base.openPromotions, [event.data.promotionId]: { toLevel: event.data.toLevel, nominatedOn: event.data.nominatedOn } },
      });
    case 'PromotionDecided': {
      const { [event.data.promotionId]: _decided, ...open } = base.openPromotions;
      return keep({ openPromotions: open, decidedPromotions: [...base.decidedPromotions, event.data.promotionId] });
    }
    case 'Promoted':
      return keep({ level: event.data.toLevel, levelSince: event.data.effectiveDate });
    case 'PersonalDataErased':
      return keep({ erased: true });
    case 'BaseSalaryChanged': {
      const { effectiveDate, baseSalary } = event.data;
      const others = (base.pay ?? []).filter((p) => p.effectiveDate !== effectiveDate);
      return keep({ pay: [...others, { effectiveDate, baseSalary }].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate)) });
    }
    case 'SignOnBonusGranted': {
      const { employeeId: _id, ...signOn } = event.data;
      return keep({ signOns: [...(base.signOns ?? []), signOn] });
    }
    case 'EquityGranted':
      return keep({ equityGrants: [...(base.equityGrants ?? []), event.data.grantId] });
    case 'SignOnClawbackOwed':
      return state;
  }
}

/** A running Focus or improvement plan ends that many days later. */
function withClocksMoved(state: EmployeeState, days: number): EmployeeState {
  if (days === 0) return state;
  if (state.status === 'focus') return { ...state, focus: { ...state.focus, dueDate: addDays(state.focus.dueDate, days) } };
  if (state.status === 'pivot' && state.pivot.planDueDate !== undefined)
    return { ...state, pivot: { ...state.pivot, planDueDate: addDays(state.pivot.planDueDate, days) } };
  return state;
}
