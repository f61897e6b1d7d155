import { streamNameFilter, type Filter } from '@eventstore/db-client';

const PREFIX = /^[A-Za-z0-9_-]{1,64}$/;
/** A stream of ours: no leading `$` (system streams) and no space (claims, below). */
const OURS = '[^$ ][^ ]*';

/**
 * Maps the store's stream ids to EventStoreDB stream names and back. With a prefix every name is
 * `<prefix>:<streamId>`; a prefix cannot contain `:`, so no prefix ever sees another's streams.
 * Event-id claims (event-id-claims.ts) live beside the streams under a name with a space, which no
 * stream id can contain, so the scope filter leaves them out.
 */
export class StreamNamespace {
  /** Server-side filter of exactly this store's streams, for reads and subscriptions of $all. */
  readonly filter: Filter;
  readonly pattern: string;
  private readonly head: string;
  private readonly ours = new RegExp(`^${OURS}$`);

  constructor(prefix?: string) {
    if (prefix !== undefined && !PREFIX.test(prefix)) {
      throw new RangeError(`Invalid stream prefix ${JSON.stringify(prefix)}: use 1 to 64 letters, digits, _ or -`);
    }
    this.head = prefix === undefined ? '' : `${prefix}:`;
    this.pattern = `^${this.head}${OURS}$`;
    this.filter = streamNameFilter({ regex: this.pattern });
  }

  /** Whether `streamId` can name one of this store's streams; any other id has no stream here. */
  holds(streamId: string): boolean {
    return this.ours.test(streamId);
  }

  toEsdb(streamId: string): string {
    return this.head + streamId;
  }

  fromEsdb(name: string): string {
    if (!name.startsWith(this.head)) throw new Error(`EventStoreDB stream ${name} is outside this store's namespace`);
    return name.slice(this.head.length);
  }

  claimStream(eventId: string): string {
    return `${this.head}event-id ${eventId}`;
  }
}
