import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { KEY_STORE, type KeyStore } from './key-store';

/** Not an employee id (those start with a letter or digit), so it can never be erased as one. */
const PSEUDONYM_KEY_SUBJECT = '~pseudonyms';

/**
 * Stable pseudonymous ids for analysts (`p-3f9a...`): the same person always gets the same
 * pseudonym, and nobody without the service's secret key can link it back to the employee id.
 */
@Injectable()
export class Pseudonyms {
  private key?: Promise<Buffer>;

  constructor(@Inject(KEY_STORE) private readonly keys: KeyStore) {}

  async of(id: string): Promise<string> {
    return (await this.pseudonymizer())(id);
  }

  /** A synchronous pseudonym function, for code that names many people in one pass. */
  async pseudonymizer(): Promise<(id: string) => string> {
    this.key ??= this.keys.keyFor(PSEUDONYM_KEY_SUBJECT);
    const key = await this.key;
    return (id) => `p-${createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 20)}`;
  }
}
