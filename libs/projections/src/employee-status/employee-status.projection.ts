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
    docs.put(key, { state, revision: event.revision });
  },
};
