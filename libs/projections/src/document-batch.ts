import type { EventEnvelope } from '@pm/event-store';
import { UndeclaredKey, type Documents, type Projection } from './projection';

/** A document's state in a batch: its value, or `null` once deleted. */
export type Change<D> = D | null;

/**
 * Applies events to one projection on top of documents loaded before the batch, collecting what
 * changed. An event that throws leaves no trace: its writes go to a scratch layer that is only
 * merged when `apply` returns.
 */
export class DocumentBatch<D> {
  readonly changes = new Map<string, Change<D>>();
  /** The event being applied: what it declared, and its writes until `apply` returns. */
  private declared: readonly string[] = [];
  private eventType = '';
  private readonly scratch = new Map<string, Change<D>>();
  /** One view for every event of the batch: a rebuild applies millions of events. */
  private readonly docs: Documents<D> = {
    get: (key) => {
      if (this.scratch.has(key)) return this.scratch.get(key) ?? undefined;
      if (!this.declared.includes(key) && !this.changes.has(key)) throw new UndeclaredKey(this.projection.name, key, this.eventType);
      return this.current(key);
    },
    put: (key, doc) => void this.scratch.set(key, doc),
    delete: (key) => void this.scratch.set(key, null),
  };

  constructor(
    private readonly projection: Projection<D>,
    /** Documents as stored before the batch (absent or `null`: no document). */
    private readonly loaded: ReadonlyMap<string, D | null>,
  ) {}

  /** The document as this batch sees it now. */
  current(key: string): D | undefined {
    const changed = this.changes.get(key);
    if (changed !== undefined) return changed ?? undefined;
    return this.loaded.get(key) ?? undefined;
  }

  apply(event: EventEnvelope): void {
    this.declared = this.projection.keysOf(event);
    this.eventType = event.type;
    this.scratch.clear();
    try {
      this.projection.apply(event, this.docs);
      for (const [key, change] of this.scratch) this.changes.set(key, change);
    } finally {
      this.scratch.clear();
    }
  }
}

/**
 * Runs events through a projection in memory: the whole read model as a map. Specs, the replay
 * engine and anyone who needs a projection without a store use this.
 */
export function project<D>(projection: Projection<D>, events: Iterable<EventEnvelope>, documents: Map<string, D> = new Map()): Map<string, D> {
  const batch = new DocumentBatch(projection, documents);
  for (const event of events) {
    if (!projection.handles.has(event.type)) continue;
    batch.apply(event);
    for (const [key, change] of batch.changes) {
      if (change === null) documents.delete(key);
      else documents.set(key, change);
    }
    batch.changes.clear();
  }
  return documents;
}
