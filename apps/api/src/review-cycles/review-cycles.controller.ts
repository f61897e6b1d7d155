import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandOutcome, Submitted } from '@pm/commands';
import type { ReviewCycleCommand } from '@pm/domain';
import { Roles } from '@pm/platform';
import { CommandResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { CommandCtx, type CommandContext } from '../common/command-context';
import { CalibrateRatingDto, OpenReviewCycleDto, ProposeRatingDto, SelfAssessmentDto } from './dto/review-cycle.dto';
import { ExecuteReviewCycleCommand } from './execute-review-cycle-command';

@ApiTags('review cycles')
@Roles('hr')
@Controller('v1/review-cycles')
export class ReviewCyclesController {
  constructor(private readonly commands: CommandBus) {}

  private run(cycleId: string, command: Submitted<ReviewCycleCommand>, ctx: CommandContext, policyId?: string): Promise<CommandOutcome> {
    return this.commands.execute(new ExecuteReviewCycleCommand(cycleId, command, ctx, new Date().toISOString(), policyId));
  }

  @Post()
  @CommandResponses(true)
  open(@Body() body: OpenReviewCycleDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    const { policyId, ...data } = { ...body };
    return this.run(body.cycleId, { type: 'OpenReviewCycle', data }, ctx, policyId);
  }

  @Post(':cycleId/self-assessments')
  @CommandResponses(false)
  selfAssess(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: SelfAssessmentDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    return this.run(cycleId, { type: 'SubmitSelfAssessment', data: { ...body } }, ctx);
  }

  @Post(':cycleId/ratings')
  @CommandResponses(false)
  propose(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: ProposeRatingDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    return this.run(cycleId, { type: 'ProposeRating', data: { ...body } }, ctx);
  }

  @Post(':cycleId/calibrations')
  @CommandResponses(false)
  calibrate(@Param('cycleId', ClientIdPipe) cycleId: string, @Body() body: CalibrateRatingDto, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    return this.run(cycleId, { type: 'CalibrateRating', data: { ...body } }, ctx);
  }

  @Post(':cycleId/finalize')
  @CommandResponses(false)
  finalize(@Param('cycleId', ClientIdPipe) cycleId: string, @CommandCtx() ctx: CommandContext): Promise<CommandOutcome> {
    return this.run(cycleId, { type: 'FinalizeReviewCycle', data: {} }, ctx);
  }
}
