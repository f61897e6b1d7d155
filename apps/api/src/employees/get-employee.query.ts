import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { employeeNotFound } from '@pm/domain';
import { ReadModels } from '@pm/platform';
import { employeeStatus, type EmployeeStatus } from '@pm/projections';
import { employeeView, type EmployeeViewDto } from './employee-view';

export class GetEmployee extends Query<EmployeeViewDto> {
  constructor(readonly employeeId: string) {
    super();
  }
}

/** Served from the employee-status projection, once it has applied every event stored before the read. */
@QueryHandler(GetEmployee)
export class GetEmployeeHandler implements IQueryHandler<GetEmployee> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ employeeId }: GetEmployee): Promise<EmployeeViewDto> {
    const status = await (await this.readModels.view<EmployeeStatus>(employeeStatus.name)).get(employeeId);
    if (!status) throw employeeNotFound(employeeId);
    return employeeView(status.state, status.revision);
  }
}
