import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { employeeDecider, employeeStreamId, notFound, type EmployeeEvent } from '@pm/domain';
import { EVENT_STORE, StreamNotFound, type EventStore } from '@pm/event-store';
import { employeeView, type EmployeeViewDto } from './employee-view';

export class GetEmployee extends Query<EmployeeViewDto> {
  constructor(readonly employeeId: string) {
    super();
  }
}

/** Folds the employee's own stream: always current, including the caller's last write. */
@QueryHandler(GetEmployee)
export class GetEmployeeHandler implements IQueryHandler<GetEmployee> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ employeeId }: GetEmployee): Promise<EmployeeViewDto> {
    try {
      const { revision, events } = await this.store.readStream(employeeStreamId(employeeId));
      const state = events.reduce((s, e) => employeeDecider.evolve(s, { type: e.type, data: e.data } as EmployeeEvent), employeeDecider.initialState());
      if (state.status === 'none') throw notFound('employee-not-found', `No employee ${employeeId}`);
      return employeeView(state, revision);
    } catch (error) {
      if (error instanceof StreamNotFound) throw notFound('employee-not-found', `No employee ${employeeId}`);
      throw error;
    }
  }
}
