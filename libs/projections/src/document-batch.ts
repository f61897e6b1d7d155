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
    const declared = new Set(this.projection.keysOf(event));
    const scratch = new Map<string, Change<D>>();
    const docs: Documents<D> = {
      get: (key) => {
        if (scratch.has(key)) return scratch.get(key) ?? undefined;
        if (!declared.has(key) && !this.changes.has(key)) throw new UndeclaredKey(this.projection.name, key, event.type);
        return this.current(key);
      },
      put: (key, doc) => void scratch.set(key, doc),
      delete: (key) => void scratch.set(key, null),
    };
    this.projection.apply(event, docs);
    for (const [key, change] of scratch) this.changes.set(key, change);
  }
}

/**
 * Runs events through a projection in memory: the whole read model as a map. Specs, the replay
 * engine and anyone who needs a projection without a store use this.
 */
export function project<D>(projection: Projection<D>, events: Iterable<EventEnvelope>, documents: Map<string, D> = new Map()): Map<string, D> {
  for (const event of events) {
    if (!projection.handles.has(event.type)) continue;
    const batch = new DocumentBatch(projection, documents);
    batch.apply(event);
    for (const [key, change] of batch.changes) {
      if (change === null) documents.delete(key);
      else documents.set(key, change);
    }
  }
  return documents;
}
