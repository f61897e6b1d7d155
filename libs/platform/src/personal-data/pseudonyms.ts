import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** A pseudonym function for one answer: the same id always gives the same `p-...` within it. */
export type Pseudonymizer = (id: string) => string;

/**
 * Pseudonymous ids for analysts (`p-3f9a...`), scoped to one answer: each call of `forAnswer()`
 * draws a fresh random 256-bit key that is never stored, so the same person is named alike
 * everywhere within that answer (rows about them can be read together) but differently in any
 * other answer, from the same route or another. Nobody can link a pseudonym back to the employee
 * id, nor across answers; not even the service, once the answer is sent.
 */
@Injectable()
export class Pseudonyms {
  forAnswer(): Pseudonymizer {
    const key = randomBytes(32);
    const names = new Map<string, string>();
    return (id) => {
      let name = names.get(id);
      if (name === undefined) names.set(id, (name = `p-${createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 20)}`));
      return name;
    };
  }
}
