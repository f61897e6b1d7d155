import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { businessTime } from '../common/business-time';
import { CommandCtx, type CommandContext } from '../common/command-context';
import type { CommandOutcome } from '@pm/commands';
import { ClosePivotDto, DecideAppealDto } from './dto/appeal-and-promotion.dto';
import { ChoosePivotOptionDto, CloseFocusDto, EnterFocusDto, PlaceInPivotDto, UpdateFocusGoalDto } from './dto/focus.dto';
import { ExecuteEmployeeCommand } from './execute-employee-command';

@ApiTags('focus and pivot')
@Roles('hr')
@Controller('v1/employees/:employeeId')
export class FocusAndPivotController {
  constructor(private readonly commands: CommandBus) {}

  private run(employeeId: string, command: ExecuteEmployeeCommand['command'], ctx: CommandContext, occurredAt: string | undefined): Promise<CommandOutcome> {
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, command, ctx, occurredAt));
  }

  @Post('focus')
  @CommandResponses(true)
  enterFocus(@Param('employeeId', ClientIdPipe) id: string, @Body() body: EnterFocusDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'startDate' });
    return this.run(id, { type: 'EnterFocus', data }, ctx, occurredAt);
  }

  @Post('focus/goals/:goalId')
  @CommandResponses(false)
  updateGoal(
    @Param('employeeId', ClientIdPipe) id: string,
    @Param('goalId', ClientIdPipe) goalId: string,
    @Body() body: UpdateFocusGoalDto,
    @CommandCtx() ctx: CommandContext,
  ): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body);
    return this.run(id, { type: 'UpdateFocusGoal', data: { goalId, ...data } }, ctx, occurredAt);
  }

  @Post('focus/close')
  @CommandResponses(false)
  closeFocus(@Param('employeeId', ClientIdPipe) id: string, @Body() body: CloseFocusDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    return this.run(id, { type: 'CloseFocus', data }, ctx, occurredAt);
  }

  @Post('pivot')
  @CommandResponses(true)
  placeInPivot(@Param('employeeId', ClientIdPipe) id: string, @Body() body: PlaceInPivotDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'startDate' });
    return this.run(id, { type: 'PlaceInPivot', data }, ctx, occurredAt);
  }

  @Post('pivot/choice')
  @CommandResponses(false)
  choose(@Param('employeeId', ClientIdPipe) id: string, @Body() body: ChoosePivotOptionDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    return this.run(id, { type: 'ChoosePivotOption', data }, ctx, occurredAt);
  }

  @Post('pivot/appeal')
  @CommandResponses(false)
  decideAppeal(@Param('employeeId', ClientIdPipe) id: string, @Body() body: DecideAppealDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body);
    return this.run(id, { type: 'DecideAppeal', data }, ctx, occurredAt ?? data.decidedAt);
  }

  @Post('pivot/close')
  @CommandResponses(false)
  closePivot(@Param('employeeId', ClientIdPipe) id: string, @Body() body: ClosePivotDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body, { field: 'effectiveDate' });
    return this.run(id, { type: 'ClosePivot', data }, ctx, occurredAt);
  }
}
