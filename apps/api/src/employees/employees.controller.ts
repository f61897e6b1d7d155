import { Body, Controller, Get, Param, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RecordsAccess, Roles, type AuthenticatedRequest } from '@pm/platform';
import { CommandResponses, QueryResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { businessTime } from '../common/business-time';
import { CommandCtx, type CommandContext } from '../common/command-context';
import { RevisionETag } from '../common/etag.interceptor';
import type { CommandOutcome } from '@pm/commands';
import { ChangeManagerDto, RecordFeedbackDto, SeparateEmployeeDto, TransferEmployeeDto } from './dto/employee-changes.dto';
import { HireEmployeeDto } from './dto/hire-employee.dto';
import { EmployeeViewDto } from './employee-view';
import { ExecuteEmployeeCommand } from './execute-employee-command';
import { GetEmployee } from './get-employee.query';

@ApiTags('employees')
@Controller('v1/employees')
export class EmployeesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('hr')
  @CommandResponses(true)
  hire(@Body() body: HireEmployeeDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'hireDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(body.employeeId, { type: 'HireEmployee', data }, ctx, occurredAt));
  }

  @Get(':employeeId')
  @Roles('hr', 'compliance', 'admin')
  @RecordsAccess()
  @QueryResponses(EmployeeViewDto, [404, 'Unknown employee'])
  @RevisionETag((view: EmployeeViewDto) => view.revision)
  get(@Param('employeeId', ClientIdPipe) employeeId: string, @Req() request: AuthenticatedRequest): Promise<EmployeeViewDto> {
    // Pay is for hr and compliance; an admin reads the record without it.
    const role = request.principal?.role;
    return this.queries.execute(new GetEmployee(employeeId, role === 'hr' || role === 'compliance'));
  }

  @Post(':employeeId/manager')
  @Roles('hr')
  @CommandResponses(false)
  changeManager(
    @Param('employeeId', ClientIdPipe) employeeId: string,
    @Body() body: ChangeManagerDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'ChangeManager', data }, ctx, occurredAt));
  }

  @Post(':employeeId/transfers')
  @Roles('hr')
  @CommandResponses(false)
  transfer(
    @Param('employeeId', ClientIdPipe) employeeId: string,
    @Body() body: TransferEmployeeDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'TransferEmployee', data }, ctx, occurredAt));
  }

  @Post(':employeeId/separations')
  @Roles('hr')
  @CommandResponses(false)
  separate(
    @Param('employeeId', ClientIdPipe) employeeId: string,
    @Body() body: SeparateEmployeeDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'SeparateEmployee', data }, ctx, occurredAt));
  }

  @Post(':employeeId/feedback')
  @Roles('hr')
  @CommandResponses(false)
  feedback(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: RecordFeedbackDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body);
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'RecordFeedback', data }, ctx, occurredAt));
  }
}
