import { employeeDecider, reviewCycleDecider, type Decider, type DomainEvent, type EmployeeCommand, type Policy, type ReviewCycleCommand } from '@pm/domain';
import type { NewEvent } from '@pm/event-store';
import type { AppendBatch } from '@pm/simulator';

type Data = Record<string, any>;

/** The employee command that produced a decision, read back from its first event (as the API's DTOs carry it). */
function employeeCommandOf(first: NewEvent, policy: Policy): EmployeeCommand {
  const d = first.data as Data;
  const command = (type: string, data: Data) => ({ type, data, policy }) as EmployeeCommand;
  switch (first.type) {
    case 'EmployeeHired':
      return command('HireEmployee', d);
    case 'ManagerChanged':
      return command('ChangeManager', { managerId: d.toManagerId, effectiveDate: d.effectiveDate });
    case 'EmployeeTransferred':
      return command('TransferEmployee', { toOrgId: d.toOrgId, toManagerId: d.toManagerId, effectiveDate: d.effectiveDate });
    case 'EmployeeSeparated':
      return command('SeparateEmployee', {
        type: d.type,
        reason: d.reason,
        regretted: d.regrettedSource === 'caller' ? d.regretted : undefined,
        effectiveDate: d.effectiveDate,
      });
    case 'FeedbackRecorded': {
      const { employeeId: _e, ...data } = d;
      return command('RecordFeedback', data);
    }
    case 'RatingReceived':
      return command('ReceiveRating', { cycleId: d.cycleId, rating: d.rating, calibrated: d.calibrated, periodEnd: d.periodEnd, policy: d.policy });
    case 'FocusEntered':
      return command('EnterFocus', { startDate: d.startDate, dueDate: d.dueDate, reason: d.reason, goals: d.goals });
    case 'FocusGoalUpdated':
      return command('UpdateFocusGoal', { goalId: d.goalId, status: d.status, note: d.note });
    case 'FocusClosed':
      return command('CloseFocus', { outcome: d.outcome, effectiveDate: d.effectiveDate });
    case 'PivotPlaced':
      return command('PlaceInPivot', { startDate: d.startDate, reason: d.reason });
    case 'PivotOptionChosen':
      return command('ChoosePivotOption', { option: d.option, effectiveDate: d.effectiveDate, planDueDate: d.planDueDate, goals: d.goals });
    case 'AppealDecided':
      // The simulator draws panels from the people employed that day.
      return { ...command('DecideAppeal', { outcome: d.outcome, panel: d.panel, decidedAt: d.decidedAt }), panelStanding: {} } as EmployeeCommand;
    case 'PivotClosed':
      return command('ClosePivot', { outcome: d.outcome, effectiveDate: d.effectiveDate });
    case 'PromotionNominated':
      return command('NominateForPromotion', {
        promotionId: d.promotionId,
        toLevel: d.toLevel,
        nominatedBy: d.nominatedBy,
        document: d.document,
        nominatedOn: first.metadata.occurredAt.slice(0, 10),
      });
    case 'PromotionDecided':
      return command('DecidePromotion', { promotionId: d.promotionId, approved: d.approved, panel: d.panel, effectiveDate: d.effectiveDate });
    case 'BaseSalaryChanged':
      return command('ChangePay', { effectiveDate: d.effectiveDate, baseSalary: d.baseSalary, reason: d.reason });
    case 'SignOnBonusGranted':
      return command('GrantSignOn', { grantDate: d.grantDate, currency: d.currency, instalments: d.instalments, clawback: d.clawback });
    case 'EquityGranted':
      return command('GrantEquity', { grantId: d.grantId, kind: d.kind, grantDate: d.grantDate, units: d.units, unitValue: d.unitValue, vesting: d.vesting });
    default:
      throw new Error(`no employee command starts with ${first.type}`);
  }
}

function reviewCommandOf(first: NewEvent, policy: Policy): ReviewCycleCommand {
  const d = first.data as Data;
  const command = (type: string, data: Data) => ({ type, data, policy }) as ReviewCycleCommand;
  switch (first.type) {
    case 'ReviewCycleOpened':
      return command('OpenReviewCycle', { cycleId: d.cycleId, name: d.name, periodStart: d.periodStart, periodEnd: d.periodEnd });
    case 'SelfAssessmentSubmitted':
      return command('SubmitSelfAssessment', { employeeId: d.employeeId, text: d.text });
    case 'RatingProposed': {
      const { cycleId: _c, ...data } = d;
      return command('ProposeRating', data);
    }
    case 'RatingCalibrated':
      return command('CalibrateRating', { employeeId: d.employeeId, rating: d.rating, rank: d.rank, groupId: d.groupId, rationale: d.rationale });
    case 'ReviewCycleFinalized':
      return command('FinalizeReviewCycle', {});
    default:
      throw new Error(`no review cycle command starts with ${first.type}`);
  }
}

/** A stream's events cut into decisions: the events of one command share its causation id. */
function decisions(events: readonly NewEvent[]): NewEvent[][] {
  const groups: NewEvent[][] = [];
  for (const event of events) {
    const last = groups.at(-1);
    if (last && last[0].metadata.causationId === event.metadata.causationId) last.push(event);
    else groups.push([event]);
  }
  return groups;
}

function redecideStream<C, S>(decider: Decider<C, DomainEvent, S>, commandOf: (first: NewEvent) => C, events: readonly NewEvent[]): string[] {
  const problems: string[] = [];
  let state = decider.initialState();
  for (const decision of decisions(events)) {
    let decided: DomainEvent[];
    try {
      decided = decider.decide(commandOf(decision[0]), state);
    } catch (error) {
      problems.push(`${decision[0].type} ${decision[0].id}: ${(error as Error).message}`);
      return problems;
    }
    const stored = decision.map((e) => ({ type: e.type, data: e.data }));
    if (!sameAsStored(decided, stored))
      problems.push(`${decision[0].type} ${decision[0].id}: decide gave ${JSON.stringify(decided)}, stored ${JSON.stringify(stored)}`);
    for (const event of decided) state = decider.evolve(state, event);
  }
  return problems;
}

/** Equal as the store would keep them: JSON drops undefined fields. */
function sameAsStored(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Rebuilds every command from the events it produced and decides it again, in stream order, on
 * the state folded from the events before it: every stored event must be exactly what `decide`
 * gives, with no DomainError. Returns the problems found.
 */
export function redecideAll(batches: readonly AppendBatch[], policy: Policy): string[] {
  const streams = new Map<string, NewEvent[]>();
  for (const batch of batches) {
    const events = streams.get(batch.streamId) ?? [];
    events.push(...batch.events);
    streams.set(batch.streamId, events);
  }
  const problems: string[] = [];
  for (const [streamId, events] of streams) {
    if (streamId.startsWith('employee-'))
      problems.push(...redecideStream(employeeDecider as Decider<EmployeeCommand, DomainEvent, unknown>, (e) => employeeCommandOf(e, policy), events));
    else if (streamId.startsWith('review-cycle-'))
      problems.push(...redecideStream(reviewCycleDecider as Decider<ReviewCycleCommand, DomainEvent, unknown>, (e) => reviewCommandOf(e, policy), events));
    else problems.push(`unexpected stream ${streamId}`);
  }
  return problems;
}
