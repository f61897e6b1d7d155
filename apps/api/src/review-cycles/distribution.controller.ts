import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PolicyBook } from '@pm/commands';
import { reviewCycleNotFound } from '@pm/domain';
import { Pseudonyms, ReadModels, Roles, type AuthenticatedRequest } from '@pm/platform';
import {
  analystDistribution,
  cycleKey,
  cycleRatings,
  cycleRatingsPrefix,
  ratingDistribution,
  type CycleHeaderDoc,
  type CycleRatingDoc,
  type AnalystDistribution,
  type CycleRatingsDoc,
  type RatingDistribution,
} from '@pm/projections';
import { publishedMinimum } from '../analytics/rating-policies';
import { QueryResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { DistributionDto, DistributionQueryDto } from './distribution.dto';

@ApiTags('review cycles')
@Controller('v1/review-cycles/:cycleId/distribution')
export class DistributionController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly policies: PolicyBook,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  /**
   * Counts per grade per group against the policy's curve targets, with the managers' proposals
   * beside them and every calibration move (who moved whom, from what to what). Analysts get the
   * cut of `analystDistribution` (ADR 010): the strictest published minimum group size with
   * complementary suppression, totals withheld under it, only moves in shown groups, and pseudonyms
   * fresh for this answer instead of employee, manager and key ids.
   */
  @Get()
  @Roles('hr', 'analyst', 'admin')
  @QueryResponses(DistributionDto, [404, 'Unknown review cycle'])
  async distribution(
    @Param('cycleId', ClientIdPipe) cycleId: string,
    @Query() query: DistributionQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<RatingDistribution | AnalystDistribution> {
    const view = await this.readModels.view<CycleRatingsDoc>(cycleRatings.name);
    const header = (await view.get(cycleKey(cycleId))) as CycleHeaderDoc | undefined;
    if (!header) throw reviewCycleNotFound(cycleId);
    const ratings = (await view.scan(cycleRatingsPrefix(cycleId))).map(([, doc]) => doc as CycleRatingDoc);
    const policy = await this.policies.byRef(header.policy);
    const distribution = ratingDistribution(header, ratings, policy, query.groupBy);
    if (request.principal?.role !== 'analyst') return distribution;
    return analystDistribution(distribution, ratings, {
      minGroupSize: await publishedMinimum(this.policies, policy),
      pseudonym: this.pseudonyms.forAnswer(),
    });
  }
}
