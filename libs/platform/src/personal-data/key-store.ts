/**
 * Per-person data keys (crypto-shredding): destroying a key makes that person's personal fields
 * unreadable everywhere, without rewriting any stored event.
 */
export interface KeyStore {
  /** The subject's key, created on first use. Throws KeyDestroyed after erasure. */
  keyFor(subjectId: string): Promise<Buffer>;
  /** The subject's key, or undefined when it never existed or was destroyed. */
  find(subjectId: string): Promise<Buffer | undefined>;
  /** Destroys the key for good; returns false when there was none. */
  destroy(subjectId: string): Promise<boolean>;
  /** Notes that an erasure began, so one a crash interrupts is finished (or abandoned) at start. */
  beginErasure(subjectId: string): Promise<void>;
  /** An erasure that began but was not recorded: the key stays. */
  abandonErasure(subjectId: string): Promise<void>;
  /** Subjects whose erasure began and was neither finished nor abandoned. */
  erasuresUnderWay(): Promise<string[]>;
  close(): Promise<void>;
}

export const KEY_STORE = Symbol('KeyStore');

/** Personal data of an erased person cannot be written again under their id. */
export class KeyDestroyed extends Error {
  constructor(readonly subjectId: string) {
    super(`The personal data of ${subjectId} was erased`);
    this.name = 'KeyDestroyed';
  }
}
