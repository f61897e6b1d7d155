import { employeeDecider, employeePolicyChoice, employeeStreamId, pivotChoiceLapsesOn, policyRef, type EmployeeCommand } from '@pm/domain';
import type { Actor, EventEnvelope } from '@pm/event-store';
import type { CommandHandler } from './command-handler';
import { deterministicUuid } from './deterministic-id';
import type { PolicyBook } from './policy-book';

/** Who records lapses: the system, never a person. */
const PIVOT_LAPSE_ACTOR: Actor = { id: 'pivot-lapse', role: 'system' };

/**
 * Records `PivotChoiceWindowLapsed` on an employee's stream when their Pivot choice window has
 * passed on the business calendar with no option recorded (the decider's `RecordPivotChoiceLapse`).
 *
 * - Business time: the event's `occurredAt` is the day the window lapsed (`lapsedOn`, the first
 *   business day after the deadline), not the day the check ran.
 * - Idempotent twice over: the decider decides nothing once the lapse (or an option) is on the
 *   stream, and the event is caused by the `PivotPlaced` event that opened the window (its id
 *   derives from it), so two processes racing on one window store it once.
 * - Correlation is that of the `PivotPlaced` event.
 */
export class PivotChoiceLapses {
  constructor(
    private readonly handler: CommandHandler,
    private readonly policies: PolicyBook,
  ) {}

  /** Decides on the employee's stream as of `businessDate`; the day the window lapsed, when this recorded it. */
  async record(employeeId: string, businessDate: string): Promise<string | undefined> {
    const streamId = employeeStreamId(employeeId);
    const { revision, state } = await this.handler.streams.load(streamId, employeeDecider);
    if (state.status !== 'pivot') return undefined;
    const placed = await this.placement(streamId, revision);
    // The window is the PivotPlaced event's: every process deciding on it names the lapse alike.
    const window = placed?.id ?? deterministicUuid('pivot-window', streamId, state.pivot.startDate, state.pivot.choiceDeadline);
    const outcome = await this.handler.handle({
      decider: employeeDecider,
      streamId,
      command: async (current): Promise<EmployeeCommand> => ({
        type: 'RecordPivotChoiceLapse',
        data: { businessDate },
        policy: await this.policies.choose(employeePolicyChoice(current, this.policies.defaultPolicyId)),
      }),
      policyOf: (command) => policyRef(command.policy),
      // Business time: the day the window lapsed, however late the check ran.
      occurredAt: (current) => (current.status === 'pivot' ? pivotChoiceLapsesOn(current.pivot.choiceDeadline) : businessDate),
      issuer: { actor: PIVOT_LAPSE_ACTOR, correlationId: placed?.metadata.correlationId ?? window },
      cause: { eventId: window, process: 'pivot-choice-window-lapsed' },
    });
    return outcome.events.length > 0 ? pivotChoiceLapsesOn(state.pivot.choiceDeadline) : undefined;
  }

  /** The `PivotPlaced` event that opened the window: the latest one up to the revision decided on. */
  private async placement(streamId: string, revision: number): Promise<EventEnvelope | undefined> {
    const { events } = await this.handler.store.readStream(streamId, { maxCount: revision + 1 });
    return events.findLast((e) => e.type === 'PivotPlaced');
  }
}
