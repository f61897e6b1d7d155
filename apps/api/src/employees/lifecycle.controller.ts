import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandOutcome } from '@pm/commands';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { businessTime } from '../common/business-time';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import { CorrectEventDto } from './dto/correction.dto';
import { ChangeJobDto, EndLeaveDto, RehireEmployeeDto, StartLeaveDto } from './dto/lifecycle.dto';
import { ExecuteEmployeeCommand } from './execute-employee-command';

/** What happens to people beside performance: they come back, go on leave, change jobs; and mistakes in their record are corrected. */
@ApiTags('employees')
@Controller('v1/employees/:employeeId')
export class LifecycleController {
  constructor(private readonly commands: CommandBus) {}

  @Post('rehire')
  @Roles('hr')
  @ApiOperation({ summary: 'A new employment period for someone who left (409 rehire-not-eligible where the policy bars it)' })
  @CommandResponses(false)
  rehire(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: RehireEmployeeDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'hireDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'RehireEmployee', data }, ctx, occurredAt));
  }

  @Post('leave')
  @Roles('hr')
  @ApiOperation({ summary: 'Leave from a date: no Focus entry, Pivot placement or plan judgement meanwhile (409 on-leave)' })
  @CommandResponses(false)
  startLeave(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: StartLeaveDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'startDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'StartLeave', data }, ctx, occurredAt));
  }

  @Post('leave/end')
  @Roles('hr')
  @ApiOperation({ summary: 'The leave ends; a running Focus or plan is due as many days later as the leave lasted (policy leave.pausesClocks)' })
  @CommandResponses(false)
  endLeave(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: EndLeaveDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'endDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'EndLeave', data }, ctx, occurredAt));
  }

  @Post('job-changes')
  @Roles('hr')
  @ApiOperation({ summary: 'A level or job-family change that is not a promotion: a demotion, a move to another job family' })
  @CommandResponses(false)
  changeJob(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: ChangeJobDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'ChangeJob', data }, ctx, occurredAt));
  }

  @Post('corrections')
  @Roles('hr', 'admin')
  @ApiOperation({
    summary: 'Correct or retract an earlier event (EventCorrected / EventRetracted); 409 correction-conflicts-with-later-events names the events resting on it',
  })
  @CommandResponses(false)
  correct(@Param('employeeId', ClientIdPipe) employeeId: string, @Body() body: CorrectEventDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body);
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, { type: 'CorrectEvent', data }, ctx, occurredAt));
  }
}
