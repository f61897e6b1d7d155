import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandOutcome, Submitted } from '@pm/commands';
import type { ReviewCycleCommand } from '@pm/domain';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { businessTime } from '../common/business-time';
import { CommandCtx, type CommandContext } from '../common/command-context';
import { CalibrateRatingDto, FinalizeReviewCycleDto, OpenReviewCycleDto, ProposeRatingDto, SelfAssessmentDto } from './dto/review-cycle.dto';
import { ExecuteReviewCycleCommand } from './execute-review-cycle-command';

@ApiTags('review cycles')
@Roles('hr')
@Controller('v1/review-cycles')
export class ReviewCyclesController {
  constructor(private readonly commands: CommandBus) {}

  /** Without `occurredAt`, the library dates a cycle command by the cycle's own period. */
  private run(
    cycleId: string,
    command: Submitted<ReviewCycleCommand>,
    ctx: CommandContext,
    occurredAt: string | undefined,
    policyId?: string,
  ): Promise<CommandOutcome> {
    return this.commands.execute(new ExecuteReviewCycleCommand(cycleId, command, ctx, occurredAt, policyId));
  }

  @Post()
  @CommandResponses(true)
  open(@Body() body: OpenReviewCycleDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data: opened, occurredAt } = businessTime(body);
    const { policyId, ...data } = opened;
    return this.run(body.cycleId, { type: 'OpenReviewCycle', data }, ctx, occurredAt, policyId);
  }

  @Post(':cycleId/self-assessments')
  @CommandResponses(false)
  selfAssess(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: SelfAssessmentDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body);
    return this.run(cycleId, { type: 'SubmitSelfAssessment', data }, ctx, occurredAt);
  }

  @Post(':cycleId/ratings')
  @CommandResponses(false)
  propose(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: ProposeRatingDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body);
    return this.run(cycleId, { type: 'ProposeRating', data }, ctx, occurredAt);
  }

  @Post(':cycleId/calibrations')
  @CommandResponses(false)
  calibrate(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: CalibrateRatingDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { data, occurredAt } = businessTime(body);
    return this.run(cycleId, { type: 'CalibrateRating', data }, ctx, occurredAt);
  }

  @Post(':cycleId/finalize')
  @CommandResponses(false)
  finalize(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: FinalizeReviewCycleDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    return this.run(cycleId, { type: 'FinalizeReviewCycle', data: {} }, ctx, body?.occurredAt);
  }
}
