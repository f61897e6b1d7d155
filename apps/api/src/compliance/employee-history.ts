import { Inject, Injectable } from '@nestjs/common';
import { employeeNotFound, employeeStreamId } from '@pm/domain';
import { EVENT_STORE, StreamNotFound, type EventEnvelope, type EventStore } from '@pm/event-store';
import { ReadModels } from '@pm/platform';
import { employeeTimeline, timelinePrefix, type TimelineRef } from '@pm/projections';
import { storedEnvelopes } from './stored-history';

/** Which events about a person to return, by the two clocks. */
export interface HistoryWindow {
  /** Recorded by this instant (what we knew). */
  asOf?: string;
  /** Happened by this instant (what was true). */
  effectiveAt?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An instant bound; a bare date means the end of that day (UTC), so the whole day is included. */
export function endOf(value: string): number {
  return DATE_ONLY.test(value) ? Date.parse(`${value}T23:59:59.999Z`) : Date.parse(value);
}

/** Every stored event about an employee: their own stream, and their events in other streams found through the timeline index. */
@Injectable()
export class EmployeeHistory {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async envelopes(employeeId: string, window: HistoryWindow = {}): Promise<EventEnvelope[]> {
    const [own, refs] = await Promise.all([this.ownStream(employeeId), this.indexed(employeeId)]);
    if (own.length === 0 && refs.length === 0) throw employeeNotFound(employeeId);
    const asOf = window.asOf === undefined ? undefined : endOf(window.asOf);
    const effectiveAt = window.effectiveAt === undefined ? undefined : endOf(window.effectiveAt);
    const inWindow = (clocks: { recordedAt: string; occurredAt: string }) =>
      (asOf === undefined || Date.parse(clocks.recordedAt) <= asOf) && (effectiveAt === undefined || Date.parse(clocks.occurredAt) <= effectiveAt);
    const others = await storedEnvelopes(this.store, refs.filter(inWindow));
    return [...own.filter((e) => inWindow(e.metadata)), ...others].sort((a, b) => a.position - b.position);
  }

  private async ownStream(employeeId: string): Promise<EventEnvelope[]> {
    try {
      return (await this.store.readStream(employeeStreamId(employeeId))).events;
    } catch (error) {
      if (error instanceof StreamNotFound) return [];
      throw error;
    }
  }

  /** The person's events in other streams (review cycles), from the timeline index. */
  private async indexed(employeeId: string): Promise<TimelineRef[]> {
    return (await (await this.readModels.view<TimelineRef>(employeeTimeline.name)).scan(timelinePrefix(employeeId))).map(([, ref]) => ref);
  }
}
