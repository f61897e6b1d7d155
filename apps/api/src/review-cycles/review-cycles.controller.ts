import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ReviewCycleCommand } from '@pm/domain';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import type { CommandResponseDto } from '../common/command-result';
import type { WithoutPolicy } from '../common/execute-command';
import { answer } from '../common/reply';
import { CalibrateRatingDto, OpenReviewCycleDto, ProposeRatingDto, SelfAssessmentDto } from './dto/review-cycle.dto';
import { ExecuteReviewCycleCommand } from './execute-review-cycle-command';

@ApiTags('review cycles')
@Roles('hr')
@Controller('v1/review-cycles')
export class ReviewCyclesController {
  constructor(private readonly commands: CommandBus) {}

  private async run(reply: FastifyReply, cycleId: string, command: WithoutPolicy<ReviewCycleCommand>, ctx: CommandContext, status: 200 | 201 = 200, policyId?: string) {
    const execute = new ExecuteReviewCycleCommand(cycleId, command, ctx, new Date().toISOString(), status);
    execute.policyId = policyId;
    return answer(reply, await this.commands.execute(execute));
  }

  @Post()
  @HttpCode(201)
  @CommandResponses(true)
  open(@Body() body: OpenReviewCycleDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    const { policyId, ...data } = { ...body };
    return this.run(reply, body.cycleId, { type: 'OpenReviewCycle', data }, ctx, 201, policyId);
  }

  @Post(':cycleId/self-assessments')
  @HttpCode(200)
  @CommandResponses(false)
  selfAssess(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: SelfAssessmentDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return this.run(reply, cycleId, { type: 'SubmitSelfAssessment', data: { ...body } }, ctx);
  }

  @Post(':cycleId/ratings')
  @HttpCode(200)
  @CommandResponses(false)
  propose(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: ProposeRatingDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return this.run(reply, cycleId, { type: 'ProposeRating', data: { ...body } }, ctx);
  }

  @Post(':cycleId/calibrations')
  @HttpCode(200)
  @CommandResponses(false)
  calibrate(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: CalibrateRatingDto, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return this.run(reply, cycleId, { type: 'CalibrateRating', data: { ...body } }, ctx);
  }

  @Post(':cycleId/finalize')
  @HttpCode(200)
  @CommandResponses(false)
  finalize(@Param('cycleId', ClientIdPipe) cycleId: string, @CommandCtx() ctx: CommandContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<CommandResponseDto> {
    return this.run(reply, cycleId, { type: 'FinalizeReviewCycle', data: {} }, ctx);
  }
}
