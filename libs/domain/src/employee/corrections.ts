import { PERSONAL_FIELDS, withoutPersonalFields } from '../core/personal-fields';
import type { EmployeeEvent } from './employee.events';

/** An event as the state remembers it: its type and the data the rules read, without personal fields. */
export type RecordedFact = EmployeeEvent;

/** Focus and plan goals stay: the state tracks them by id (their sealed descriptions were always part of it). */
const READ_BY_THE_STATE = ['goals'];

export function recordedFact(event: EmployeeEvent): RecordedFact {
  if (!Object.hasOwn(PERSONAL_FIELDS, event.type)) return event;
  return { type: event.type, data: withoutPersonalFields(event.type, event.data, READ_BY_THE_STATE) } as RecordedFact;
}

/**
 * The history as corrected, by revision: a corrected event carries its corrected fields (a `null`
 * clears one), a retracted event and the corrections themselves are `undefined`.
 */
export function correctedFacts(history: readonly RecordedFact[]): (RecordedFact | undefined)[] {
  const facts: (RecordedFact | undefined)[] = [...history];
  history.forEach((fact, revision) => {
    if (fact.type !== 'EventCorrected' && fact.type !== 'EventRetracted') return;
    facts[revision] = undefined;
    const target = facts[fact.data.revision];
    if (!target) return;
    facts[fact.data.revision] = fact.type === 'EventRetracted' ? undefined : withCorrectedData(target, fact.data.correctedData);
  });
  return facts;
}

/** The events a fold of the corrected history reads, in stream order. */
export function correctedHistory(history: readonly RecordedFact[]): RecordedFact[] {
  return correctedFacts(history).filter((fact): fact is RecordedFact => fact !== undefined);
}

export function withCorrectedData(fact: RecordedFact, correctedData: Record<string, unknown>): RecordedFact {
  const data: Record<string, unknown> = { ...fact.data };
  for (const [field, value] of Object.entries(correctedData)) {
    if (value === null) delete data[field];
    else data[field] = value;
  }
  return { type: fact.type, data } as RecordedFact;
}
