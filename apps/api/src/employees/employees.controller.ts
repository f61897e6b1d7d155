import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RecordsAccess, Roles } from '@pm/platform';
import { CommandResponses, QueryResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import type { CommandResponseDto } from '../common/command-result';
import { answer } from '../common/reply';
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
  @HttpCode(201)
  @Roles('hr')
  @CommandResponses(true)
  async hire(@Body() body: HireEmployeeDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    const data = { ...body };
    return answer(reply, await this.commands.execute(new ExecuteEmployeeCommand(body.employeeId, { type: 'HireEmployee', data }, ctx, body.hireDate, 201)));
  }

  @Get(':employeeId')
  @Roles('hr', 'compliance', 'admin')
  @RecordsAccess()
  @QueryResponses(EmployeeViewDto, [404, 'Unknown employee'])
  async get(@Param('employeeId', ClientIdPipe) employeeId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<EmployeeViewDto> {
    const view = await this.queries.execute(new GetEmployee(employeeId));
    void reply.header('etag', `"${view.revision}"`);
    return view;
  }

  @Post(':employeeId/manager')
  @HttpCode(200)
  @Roles('hr')
  @CommandResponses(false)
  async changeManager(
    @Param('employeeId', ClientIdPipe) employeeId: string,
    @Body() body: ChangeManagerDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponseDto> {
    return answer(reply, await this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'ChangeManager', data: { ...body } }, ctx, body.effectiveDate)));
  }

  @Post(':employeeId/transfers')
  @HttpCode(200)
  @Roles('hr')
  @CommandResponses(false)
  async transfer(
    @Param('employeeId', ClientIdPipe) employeeId: string,
    @Body() body: TransferEmployeeDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponseDto> {
    return answer(reply, await this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'TransferEmployee', data: { ...body } }, ctx, body.effectiveDate)));
  }

  @Post(':employeeId/separations')
  @HttpCode(200)
  @Roles('hr')
  @CommandResponses(false)
  async separate(
    @Param('employeeId', ClientIdPipe) employeeId: string,
    @Body() body: SeparateEmployeeDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponseDto> {
    return answer(reply, await this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'SeparateEmployee', data: { ...body } }, ctx, body.effectiveDate)));
  }

  @Post(':employeeId/feedback')
  @HttpCode(200)
  @Roles('hr')
  @CommandResponses(false)
  async feedback(
    @Param('employeeId', ClientIdPipe) employeeId: string,
    @Body() body: RecordFeedbackDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponseDto> {
    return answer(reply, await this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'RecordFeedback', data: { ...body } }, ctx, new Date().toISOString())));
  }
}
