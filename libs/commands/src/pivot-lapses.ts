import { employeeDecider, employeePolicyChoice, employeeStreamId, policyRef, type EmployeeEvent } from '@pm/domain';
import { WrongExpectedRevision, type Actor, type EventEnvelope, type EventStore } from '@pm/event-store';
import { deterministicUuid } from './deterministic-id';
import { StreamKeptChanging } from './errors';
import type { FoldedStreams } from './folded-streams';
import type { PolicyBook } from './policy-book';
import { backoff } from './retry';
import { sealEvents, type Sealer } from './seal';
import { stampEvents } from './stamp';

export interface PivotChoiceLapsesOptions {
  store: EventStore;
  streams: FoldedStreams;
  policies: PolicyBook;
  seal: Sealer;
  tenantId: string;
}

/** Who records lapses: the system, never a person. */
export const PIVOT_LAPSE_ACTOR: Actor = { id: 'pivot-lapse', role: 'system' };

const MAX_ATTEMPTS = 8;

/**
 * Records `PivotChoiceWindowLapsed` on an employee's stream when their Pivot choice window has
 * passed on the business calendar with no option recorded (the decider's `RecordPivotChoiceLapse`).
 *
 * - Business time: the event's `occurredAt` is the day the window lapsed (`lapsedOn`, the first
 *   business day after the deadline), not the day the check ran.
 * - Idempotent twice over: the decider decides nothing once the lapse (or an option) is on the
 *   stream, and the event id derives from the `PivotPlaced` event that opened the window, so two
 *   processes racing on one window store it once.
 * - Causation and correlation are those of the `PivotPlaced` event.
 */
export class PivotChoiceLapses {
  constructor(private readonly options: PivotChoiceLapsesOptions) {}

  /** Decides on the employee's stream as of `businessDate`; the lapse recorded, if one was due. */
  async record(employeeId: string, businessDate: string, actor: Actor = PIVOT_LAPSE_ACTOR): Promise<EmployeeEvent | undefined> {
    const streamId = employeeStreamId(employeeId);
    for (let attempt = 1; ; attempt++) {
      const { revision, state } = await this.options.streams.load(streamId, employeeDecider);
      if (state.status !== 'pivot') return undefined;
      const policy = await this.options.policies.choose(employeePolicyChoice(state, this.options.policies.defaultPolicyId));
      const decided = employeeDecider.decide({ type: 'RecordPivotChoiceLapse', data: { businessDate }, policy }, state);
      if (decided.length === 0) return undefined;
      const lapsed = decided[0];
      if (lapsed.type !== 'PivotChoiceWindowLapsed') throw new Error(`RecordPivotChoiceLapse decided ${lapsed.type}`);
      const placed = await this.placement(streamId, revision);
      // The window is the PivotPlaced event's: every process deciding on it names the lapse alike.
      const window = placed?.id ?? deterministicUuid('pivot-window', streamId, state.pivot.startDate, state.pivot.choiceDeadline);
      const stamped = stampEvents(
        decided,
        {
          issuer: { actor, correlationId: placed?.metadata.correlationId ?? window },
          // Business time: the day the window lapsed, however late the check ran.
          occurredAt: lapsed.data.lapsedOn,
          causationId: window,
          policyVersion: policyRef(policy),
          tenantId: this.options.tenantId,
        },
        (i) => deterministicUuid('pivot-choice-window-lapsed', window, String(i)),
      );
      const events = await sealEvents(stamped, this.options.seal);
      try {
        await this.options.store.append(streamId, events, { expectedRevision: revision });
        return lapsed;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new StreamKeptChanging(streamId, attempt, { cause: error });
        await backoff(attempt);
      }
    }
  }

  /** The `PivotPlaced` event that opened the window: the latest one up to the revision decided on. */
  private async placement(streamId: string, revision: number): Promise<EventEnvelope | undefined> {
    const { events } = await this.options.store.readStream(streamId, { maxCount: revision + 1 });
    return events.findLast((e) => e.type === 'PivotPlaced');
  }
}
