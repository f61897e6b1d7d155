import type { EventEnvelope } from '@pm/event-store';

/**
 * The documents a projection sees while it applies one event: the keys it declared for that event
 * (`keysOf`), plus whatever it wrote earlier in the same run. Documents are values: a projection
 * never mutates one it got, it puts a new one.
 */
export interface Documents<D> {
  get(key: string): D | undefined;
  put(key: string, doc: D): void;
  delete(key: string): void;
}

/**
 * A pure read model over keyed documents: the same code runs in the live runner, in
 * `cli rebuild` and in the replay engine. Bumping `version` rebuilds it from position 0.
 */
export interface Projection<D = unknown> {
  readonly name: string;
  readonly version: number;
  /** Event types it reads; the runner skips the others without calling it. */
  readonly handles: ReadonlySet<string>;
  /** The keys `apply` will `get` for this event; the runner loads them before it calls `apply`. */
  keysOf(event: EventEnvelope): readonly string[];
  apply(event: EventEnvelope, docs: Documents<D>): void;
}

/** Raised by `Documents.get` for a key the projection did not declare in `keysOf`. */
export class UndeclaredKey extends Error {
  constructor(projection: string, key: string, type: string) {
    super(`${projection} read "${key}" while applying ${type} without declaring it in keysOf`);
    this.name = 'UndeclaredKey';
  }
}
