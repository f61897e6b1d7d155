import {
  correctedFacts,
  employeeDecider,
  reviewCycleDecider,
  reviewCycleStreamId,
  type CorrectEvent,
  type EmployeeEvent,
  type EmployeeState,
  type FinalRatingCorrected,
  type RecordedFact,
} from '@pm/domain';
import type { NewEvent, StreamAppend } from '@pm/event-store';
import type { CommandHandler } from './command-handler';
import { deterministicUuid } from './deterministic-id';
import type { PolicyBook } from './policy-book';

/**
 * What a correction is decided with beside the policy in force: the stream's event ids (the decider
 * finds the named event by revision among them) and, for a final rating, the policy it was given
 * under, whose scale a corrected grade must be on.
 */
export async function correctionContext(
  handler: CommandHandler,
  policies: PolicyBook,
  streamId: string,
  state: EmployeeState,
  eventId: string,
): Promise<Pick<CorrectEvent, 'eventIds'> & Partial<Pick<CorrectEvent, 'ratedUnder'>>> {
  const { events } = await handler.store.readStream(streamId);
  const eventIds = events.map((event) => event.id);
  const target = state.status === 'none' ? undefined : state.history[eventIds.indexOf(eventId)];
  return target?.type === 'RatingReceived' ? { eventIds, ratedUnder: await policies.byRef(target.data.policy) } : { eventIds };
}

/**
 * A corrected or retracted final rating is mirrored in its review cycle (`FinalRatingCorrected`),
 * so the cycle's distribution and replays agree with the employee's record. `history` is the
 * employee's history before the corrections. Ids derive from the correction's: mirroring twice appends once.
 */
export async function ratingCorrectionsInCycles(
  handler: CommandHandler,
  employeeId: string,
  history: readonly RecordedFact[],
  corrections: readonly Pick<NewEvent, 'id' | 'type' | 'data' | 'metadata'>[],
): Promise<StreamAppend[]> {
  const facts = correctedFacts(history);
  const appends: StreamAppend[] = [];
  for (const correction of corrections) {
    const event = { type: correction.type, data: correction.data } as EmployeeEvent;
    if ((event.type !== 'EventCorrected' && event.type !== 'EventRetracted') || event.data.eventType !== 'RatingReceived') continue;
    const rated = facts[event.data.revision];
    if (rated?.type !== 'RatingReceived') continue;
    const toRating = event.type === 'EventCorrected' ? event.data.correctedData.rating : undefined;
    if (event.type === 'EventCorrected' && typeof toRating !== 'string') continue;
    const { cycleId } = rated.data;
    const streamId = reviewCycleStreamId(cycleId);
    const { revision } = await handler.streams.load(streamId, reviewCycleDecider);
    const id = deterministicUuid('final-rating-corrected', correction.id);
    const data: FinalRatingCorrected['data'] = {
      cycleId,
      employeeId,
      fromRating: rated.data.rating,
      ...(typeof toRating === 'string' ? { toRating } : {}),
      correctionEventId: correction.id,
    };
    const { idempotencyKey: _key, requestHash: _hash, ...metadata } = correction.metadata;
    appends.push({
      streamId,
      events: [{ id, type: 'FinalRatingCorrected', schemaVersion: 1, data, metadata: { ...metadata, causationId: correction.id } }],
      expectedRevision: revision < 0 ? 'no_stream' : revision,
    });
  }
  return appends;
}

/** Where the engine has no atomic multi-stream write: the mirror is appended after the correction, one cycle at a time. */
export async function mirrorStoredCorrections(handler: CommandHandler, employeeId: string, streamId: string, appended: number): Promise<void> {
  const { state, revision } = await handler.streams.load(streamId, employeeDecider);
  if (state.status === 'none' || appended === 0) return;
  const { events } = await handler.store.readStream(streamId, { fromRevision: revision - appended + 1 });
  for (const append of await ratingCorrectionsInCycles(handler, employeeId, state.history.slice(0, -appended), events)) {
    await handler.store.append(append.streamId, append.events, { expectedRevision: append.expectedRevision });
  }
}
