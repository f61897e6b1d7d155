import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import type { CommandResponseDto } from '../common/command-result';
import { answer } from '../common/reply';
import { ClosePivotDto, DecideAppealDto } from './dto/appeal-and-promotion.dto';
import { ChoosePivotOptionDto, CloseFocusDto, EnterFocusDto, PlaceInPivotDto, UpdateFocusGoalDto } from './dto/focus.dto';
import { ExecuteEmployeeCommand } from './execute-employee-command';

@ApiTags('focus and pivot')
@Roles('hr')
@Controller('v1/employees/:employeeId')
export class FocusAndPivotController {
  constructor(private readonly commands: CommandBus) {}

  private run(employeeId: string, command: ExecuteEmployeeCommand['command'], ctx: CommandContext, occurredAt: string, status: 200 | 201 = 200) {
    return this.commands.execute(new ExecuteEmployeeCommand(employeeId, command, ctx, occurredAt, status));
  }

  @Post('focus')
  @HttpCode(201)
  @CommandResponses(true)
  async enterFocus(@Param('employeeId', ClientIdPipe) id: string, @Body() body: EnterFocusDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return answer(reply, await this.run(id, { type: 'EnterFocus', data: { ...body } }, ctx, body.startDate, 201));
  }

  @Post('focus/goals/:goalId')
  @HttpCode(200)
  @CommandResponses(false)
  async updateGoal(
    @Param('employeeId', ClientIdPipe) id: string,
    @Param('goalId', ClientIdPipe) goalId: string,
    @Body() body: UpdateFocusGoalDto,
    @CommandCtx() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponseDto> {
    return answer(reply, await this.run(id, { type: 'UpdateFocusGoal', data: { goalId, ...body } }, ctx, new Date().toISOString()));
  }

  @Post('focus/close')
  @HttpCode(200)
  @CommandResponses(false)
  async closeFocus(@Param('employeeId', ClientIdPipe) id: string, @Body() body: CloseFocusDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return answer(reply, await this.run(id, { type: 'CloseFocus', data: { ...body } }, ctx, body.effectiveDate));
  }

  @Post('pivot')
  @HttpCode(201)
  @CommandResponses(true)
  async placeInPivot(@Param('employeeId', ClientIdPipe) id: string, @Body() body: PlaceInPivotDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return answer(reply, await this.run(id, { type: 'PlaceInPivot', data: { ...body } }, ctx, body.startDate, 201));
  }

  @Post('pivot/choice')
  @HttpCode(200)
  @CommandResponses(false)
  async choose(@Param('employeeId', ClientIdPipe) id: string, @Body() body: ChoosePivotOptionDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return answer(reply, await this.run(id, { type: 'ChoosePivotOption', data: { ...body } }, ctx, body.effectiveDate));
  }

  @Post('pivot/appeal')
  @HttpCode(200)
  @CommandResponses(false)
  async decideAppeal(@Param('employeeId', ClientIdPipe) id: string, @Body() body: DecideAppealDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return answer(reply, await this.run(id, { type: 'DecideAppeal', data: { ...body } }, ctx, body.decidedAt));
  }

  @Post('pivot/close')
  @HttpCode(200)
  @CommandResponses(false)
  async closePivot(@Param('employeeId', ClientIdPipe) id: string, @Body() body: ClosePivotDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return answer(reply, await this.run(id, { type: 'ClosePivot', data: { ...body } }, ctx, body.effectiveDate));
  }
}
