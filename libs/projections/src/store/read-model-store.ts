/**
 * Where projections keep their documents and checkpoints. Each build of a projection is a *slot*:
 * a fresh slot is created when a projection's version changes (or a rebuild is asked for), fills
 * from position 0 while the previous slot keeps serving, and is promoted when it has caught up.
 */
export type SlotState = 'building' | 'serving' | 'retired';

export interface Slot {
  /** Unique across all projections; documents are keyed by (slot id, key). */
  id: number;
  name: string;
  version: number;
  state: SlotState;
  /** Global position of the last event applied; 0 before the first. */
  position: number;
  /** Events applied so far (positions are sparse on postgres, so this is the honest count). */
  eventsApplied: number;
  updatedAt: string;
}

export interface DeadLetter {
  slotId: number;
  projection: string;
  position: number;
  eventId: string;
  eventType: string;
  streamId: string;
  error: string;
  attempts: number;
  recordedAt: string;
}

/** One slot's part of a batch: the documents it changed and where its checkpoint moves. */
export interface SlotWrite {
  slotId: number;
  /** The checkpoint the batch started from: the commit fails with CheckpointMoved otherwise. */
  expectedPosition: number;
  position: number;
  eventsApplied: number;
  /** `null` deletes the document. */
  documents: ReadonlyMap<string, unknown | null>;
  deadLetters: readonly DeadLetter[];
}

export interface ReadModelStore {
  readonly engine: 'sqlite' | 'postgres';
  slots(name?: string): Promise<Slot[]>;
  /** A new empty slot in state `building` at position 0. */
  createSlot(name: string, version: number): Promise<Slot>;
  /** Makes the slot the one that serves its projection; the slot that served before is dropped. */
  promote(slotId: number): Promise<void>;
  /** Deletes the slot with its documents and dead letters. */
  dropSlot(slotId: number): Promise<void>;
  /** The stored documents among `keys` (missing keys are absent from the map). */
  load(slotId: number, keys: readonly string[]): Promise<Map<string, unknown>>;
  get(slotId: number, key: string): Promise<unknown | undefined>;
  /** Documents whose key starts with `prefix`, ordered by key. */
  scan(slotId: number, prefix: string): Promise<Array<[string, unknown]>>;
  /**
   * Stores every slot's documents, checkpoint and dead letters in ONE transaction. Throws
   * CheckpointMoved (and stores nothing) if any slot's checkpoint is not `expectedPosition`.
   */
  commit(writes: readonly SlotWrite[]): Promise<void>;
  deadLetters(options?: { projection?: string; limit?: number }): Promise<DeadLetter[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Another runner moved the checkpoint, or the slot is gone: reload and carry on from the store. */
export class CheckpointMoved extends Error {
  constructor(
    readonly slotId: number,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(actual === undefined ? `Slot ${slotId} no longer exists` : `Slot ${slotId} is at position ${actual}, not ${expected}`);
    this.name = 'CheckpointMoved';
  }
}

export const READ_MODEL_STORE = Symbol('ReadModelStore');
