import type { Decider } from '../core/decider';
import { alreadyExists, notFound, ruleViolation } from '../core/domain-error';
import type { EmployeeCommand, ErasePersonalData, HireEmployee } from './employee.commands';
import type { EmployeeEvent } from './employee.events';
import { requireCurrent, requireHired, requireNotOnLeave, type Current, type Hired } from './employee.guards';
import { employeeOn } from './effective-dating';
import { evolveEmployee, initialEmployeeState, type EmployeeState } from './employee.state';
import { correctEvent } from './correction.decisions';
import { changeManager, receiveRating, recordFeedback, separateEmployee, transferEmployee } from './employment.decisions';
import { recordPivotChoiceLapse } from './deadline.decisions';
import { closeFocus, enterFocus, updateFocusGoal } from './focus.decisions';
import { choosePivotOption, closePivot, decideAppeal, placeInPivot } from './pivot.decisions';
import { changeJob, endLeave, rehireEmployee, startLeave } from './lifecycle.decisions';
import { decidePromotion, nominateForPromotion } from './promotion.decisions';
import { changePay, grantEquity, grantSignOn } from './pay.decisions';

type CommandOf<T extends EmployeeCommand['type']> = Extract<EmployeeCommand, { type: T }>;
type Decision<C> = (command: C, state: EmployeeState) => EmployeeEvent[];

/** The person must exist: hiring creates them. */
function hireEmployee(command: HireEmployee, state: EmployeeState): EmployeeEvent[] {
  if (state.status !== 'none') throw alreadyExists('employee-already-exists', `Employee ${command.data.employeeId} already exists`);
  if (command.data.managerId === command.data.employeeId) throw ruleViolation('self-manager', 'An employee cannot be their own manager');
  return [{ type: 'EmployeeHired', data: command.data }];
}

/** Erasure is a right that outlives employment: allowed after separation, recorded once. */
function erasePersonalData(command: ErasePersonalData, state: EmployeeState): EmployeeEvent[] {
  if (state.status === 'none') throw notFound('employee-not-found', 'No such employee');
  return state.erased ? [] : [{ type: 'PersonalDataErased', data: { employeeId: state.employeeId, reason: command.data.reason } }];
}

/** Everything else is decided about someone hired and not yet separated. */
const whileEmployed =
  <C>(decide: (command: C, employee: Current) => EmployeeEvent[]): Decision<C> =>
  (command, state) =>
    decide(command, requireCurrent(state));

/** Decided about anyone ever hired here, employed or not: corrections, rehire. */
const aboutAnyoneHired =
  <C>(decide: (command: C, employee: Hired) => EmployeeEvent[]): Decision<C> =>
  (command, state) =>
    decide(command, requireHired(state));

/** Judgements that wait while the person is on leave, checked on the command's own date. */
const notDuringLeave =
  <C extends { data: object }>(decide: (command: C, employee: Current) => EmployeeEvent[], dateOf: (command: C) => string): Decision<C> =>
  (command, state) => {
    const employee = requireCurrent(state);
    requireNotOnLeave(employee, dateOf(command));
    return decide(command, employee);
  };

const DECISIONS: { [T in EmployeeCommand['type']]: Decision<CommandOf<T>> } = {
  HireEmployee: hireEmployee,
  ErasePersonalData: erasePersonalData,
  ChangeManager: whileEmployed(changeManager),
  TransferEmployee: whileEmployed(transferEmployee),
  SeparateEmployee: whileEmployed(separateEmployee),
  RecordFeedback: whileEmployed(recordFeedback),
  ReceiveRating: whileEmployed(receiveRating),
  EnterFocus: notDuringLeave(enterFocus, (c) => c.data.startDate),
  UpdateFocusGoal: whileEmployed(updateFocusGoal),
  CloseFocus: whileEmployed(closeFocus),
  PlaceInPivot: notDuringLeave(placeInPivot, (c) => c.data.startDate),
  ChoosePivotOption: whileEmployed(choosePivotOption),
  DecideAppeal: whileEmployed(decideAppeal),
  ClosePivot: notDuringLeave(closePivot, (c) => c.data.effectiveDate),
  RecordPivotChoiceLapse: recordPivotChoiceLapse,
  NominateForPromotion: whileEmployed(nominateForPromotion),
  DecidePromotion: whileEmployed(decidePromotion),
  CorrectEvent: aboutAnyoneHired(correctEvent),
  RehireEmployee: aboutAnyoneHired(rehireEmployee),
  StartLeave: whileEmployed(startLeave),
  EndLeave: whileEmployed(endLeave),
  ChangeJob: whileEmployed(changeJob),
  // Pay may change on leave.
  ChangePay: whileEmployed(changePay),
  GrantSignOn: whileEmployed(grantSignOn),
  GrantEquity: whileEmployed(grantEquity),
};

/**
 * Judged on everything recorded, not on the day they are dated: a correction is about the record,
 * and a rehire about the exit as recorded (on the last day the person is still employed).
 */
const JUDGED_ON_THE_RECORD: ReadonlySet<EmployeeCommand['type']> = new Set(['CorrectEvent', 'RehireEmployee']);

export function decideEmployee(command: EmployeeCommand, state: EmployeeState): EmployeeEvent[] {
  const decide = DECISIONS[command.type] as Decision<EmployeeCommand> | undefined;
  if (!decide) throw new Error(`Unknown employee command ${(command as { type: string }).type}`);
  const { on } = command;
  return decide(command, on === undefined || JUDGED_ON_THE_RECORD.has(command.type) ? state : employeeOn(state, on));
}

export const employeeDecider: Decider<EmployeeCommand, EmployeeEvent, EmployeeState> = {
  decide: decideEmployee,
  evolve: evolveEmployee,
  initialState: initialEmployeeState,
};

/** One function builds the stream id, so EventStoreDB category streams ($ce-employee) work. */
export const employeeStreamId = (employeeId: string): string => `employee-${employeeId}`;

/** The employee an employee stream is about; undefined for any other stream. */
export const employeeIdOfStream = (streamId: string): string | undefined => (streamId.startsWith('employee-') ? streamId.slice('employee-'.length) : undefined);
