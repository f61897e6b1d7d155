import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { employeeNotFound, employeeOn, scheduledAfter } from '@pm/domain';
import { ReadModels } from '@pm/platform';
import { employeeStatus, type EmployeeStatus } from '@pm/projections';
import { employeeView, type EmployeeViewDto } from './employee-view';

export class GetEmployee extends Query<EmployeeViewDto> {
  constructor(
    readonly employeeId: string,
    /** Whether the caller may see the person's base pay (hr, compliance). */
    readonly withPay = false,
  ) {
    super();
  }
}

/** Served from the employee-status projection, once it has applied every event stored before the read; as things stand today. */
@QueryHandler(GetEmployee)
export class GetEmployeeHandler implements IQueryHandler<GetEmployee> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ employeeId, withPay }: GetEmployee): Promise<EmployeeViewDto> {
    const status = await (await this.readModels.view<EmployeeStatus>(employeeStatus.name)).get(employeeId);
    if (!status) throw employeeNotFound(employeeId);
    // Changes recorded ahead of their date show as scheduled until the server's today reaches it.
    const today = new Date().toISOString().slice(0, 10);
    const current = employeeOn(status.state, today);
    if (current.status === 'none') throw employeeNotFound(employeeId);
    // `current` is as of today: a base recorded ahead of its date is not in force yet, so it is left out.
    const inForce = current.pay?.filter((p) => p.effectiveDate <= today);
    return employeeView({ ...current, pay: inForce }, status.revision, scheduledAfter(status.state, today), withPay);
  }
}
