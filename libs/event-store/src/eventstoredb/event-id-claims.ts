import { jsonEvent, NO_STREAM, type EventStoreDBClient } from '@eventstore/db-client';
import { isStreamNotFound, isWrongExpectedVersion, orUnavailable } from './esdb-errors';
import type { StreamNamespace } from './stream-namespace';

export interface Claim {
  eventId: string;
  /** The stream the id belongs to: the target of the first append that used it. */
  streamId: string;
  /** That stream's revision when the id was claimed: if stored, the id is at a later revision. */
  after: number;
  /** Claimed by this call, so nothing can have stored the id before it. */
  fresh: boolean;
}

const CLAIM_TYPE = 'EventIdClaimed';

/**
 * EventStoreDB checks event ids only within one stream, and only when the expected revision is
 * behind. To keep ids unique across the store, the first append that uses an id claims it in a
 * stream of its own, written with NO_STREAM so exactly one claimant wins.
 */
export class EventIdClaims {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly names: StreamNamespace,
  ) {}

  /** Claims every id for `streamId`; an id claimed earlier keeps its first claim, which is returned. */
  claim(streamId: string, eventIds: readonly string[], after: number): Promise<Claim[]> {
    return orUnavailable('claiming event ids', Promise.all(eventIds.map((eventId) => this.claimOne(streamId, eventId, after))));
  }

  /** The claims already made for these ids. */
  async lookup(eventIds: readonly string[]): Promise<Claim[]> {
    const claims = await orUnavailable('reading event-id claims', Promise.all(eventIds.map((eventId) => this.read(eventId))));
    return claims.filter((claim): claim is Claim => claim !== undefined);
  }

  private async claimOne(streamId: string, eventId: string, after: number): Promise<Claim> {
    try {
      const event = jsonEvent({ type: CLAIM_TYPE, data: { streamId, after } });
      await this.client.appendToStream(this.names.claimStream(eventId), event, { expectedRevision: NO_STREAM });
      return { eventId, streamId, after, fresh: true };
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
    }
    const existing = await this.read(eventId);
    if (!existing) throw new Error(`The claim stream of event id ${eventId} exists but holds no claim`);
    return existing;
  }

  private async read(eventId: string): Promise<Claim | undefined> {
    try {
      for await (const resolved of this.client.readStream(this.names.claimStream(eventId), { maxCount: 1 })) {
        const data = resolved.event?.data as { streamId?: unknown; after?: unknown } | undefined;
        if (typeof data?.streamId !== 'string' || typeof data.after !== 'number') throw new Error(`The claim of event id ${eventId} is malformed`);
        return { eventId, streamId: data.streamId, after: data.after, fresh: false };
      }
      return undefined;
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
  }
}
