import { EMPLOYEE_EVENT_TYPES, employeeDecider, type EmployeeEvent, type EmployeeState } from '@pm/domain';
import type { EventEnvelope } from '@pm/event-store';
import type { Projection } from '../projection';

/** The employee as the write side folds them, with the stream revision an If-Match needs. */
export interface EmployeeStatus {
  state: Exclude<EmployeeState, { status: 'none' }>;
  revision: number;
}

const employeeId = (event: EventEnvelope): string => (event.data as { employeeId: string }).employeeId;

/**
 * What `GET /v1/employees/{id}` serves: the employee decider's own `evolve`, so the read side
 * can never disagree with the rules about someone's status.
 */
export const employeeStatus: Projection<EmployeeStatus> = {
  name: 'employee-status',
  version: 1,
  handles: new Set(EMPLOYEE_EVENT_TYPES),
  keysOf: (event) => [employeeId(event)],
  apply(event, docs) {
    const key = employeeId(event);
    const before = docs.get(key)?.state ?? employeeDecider.initialState();
    const state = employeeDecider.evolve(before, { type: event.type, data: event.data } as EmployeeEvent);
    if (state.status === 'none') return;
    docs.put(key, { state: withoutUndefined(state), revision: event.revision });
  },
};

/**
 * The state as it reads back from the store: JSON drops undefined fields, and a later spread would
 * then put a field back at the end. Dropping them here (the state's own fields and those of its
 * nested cases; list items never carry undefined ones) keeps a rebuild byte-identical whether a
 * document stayed in memory or was reloaded between two events.
 */
function withoutUndefined<T extends object>(value: T, depth = 0): T {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined) continue;
    out[key] = depth === 0 && field !== null && typeof field === 'object' && !Array.isArray(field) ? withoutUndefined(field, 1) : field;
  }
  return out as T;
}
