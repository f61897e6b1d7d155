import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { problem, Roles, type AuthenticatedRequest, type Principal } from '@pm/platform';
import { QueryResponses } from '../common/api-responses';
import { HeavyJob, heavyJobCaller, HeavyJobs } from '../common/heavy-job';
import { ReplayJobDto, ReplayRequestDto, ReplayResultDto } from './replay.dto';
import { Replays, type ReplayAnswer } from './replays.service';

@ApiTags('analytics')
@Controller('v1/replays')
export class ReplaysController {
  constructor(
    private readonly replays: Replays,
    private readonly heavyJobs: HeavyJobs,
  ) {}

  /**
   * Replays the whole recorded history under a proposed policy, beside the recorded one, in
   * memory: nothing is written. Answers 200 with the result when it is quick, else 202 with a
   * job to poll at `Location` (also with `Prefer: respond-async`).
   */
  @Post()
  @HeavyJob()
  @HttpCode(200)
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Counterfactual replay: baseline, counterfactual, diff per org and year, changed outcomes' })
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async` always answers 202 with a job' })
  @ApiResponse({ status: 202, type: ReplayJobDto, description: 'Running as a job: poll the Location' })
  @QueryResponses(ReplayResultDto, [409, 'The proposed scale cannot express a recorded grade'])
  async start(
    @Body() body: ReplayRequestDto,
    @Headers('prefer') prefer: string | undefined,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReplayAnswer | ReplayJobDto> {
    if (body.from && body.to && body.from > body.to)
      throw problem(400, 'invalid-input', 'Invalid input', 'The window ends before it starts', {
        errors: [{ field: 'from', message: 'must not be after to' }],
      });
    const started = await this.replays.start(body, principalOf(request), /respond-async/i.test(prefer ?? ''));
    if ('inline' in started) return started.inline;
    this.heavyJobs.holdUntil(heavyJobCaller(request), started.running);
    void reply.status(202).header('location', `/v1/replays/${started.job.replayId}`);
    return started.job;
  }

  /** A replay job, to the key that started it (and to admins); any other caller gets 404. */
  @Get(':replayId')
  @Roles('analyst', 'admin')
  @QueryResponses(ReplayJobDto, [404, 'Unknown replay, or one started with another key'])
  job(@Param('replayId', new ParseUUIDPipe()) replayId: string, @Req() request: AuthenticatedRequest): ReplayJobDto {
    const job = this.replays.find(replayId, principalOf(request));
    if (!job) throw problem(404, 'replay-not-found', 'Not found', `No replay ${replayId} (jobs are kept in memory, the latest 50)`);
    return job;
  }
}

function principalOf(request: AuthenticatedRequest): Principal {
  if (!request.principal) throw new Error('a replay route without an authenticated principal');
  return request.principal;
}
