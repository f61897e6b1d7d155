import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ReadModels, Roles } from '@pm/platform';
import { CYCLES_PREFIX, cycleRatings, type CycleHeaderDoc } from '@pm/projections';
import { QueryResponses } from '../common/api-responses';

export class ReviewCycleSummaryDto {
  @ApiProperty() cycleId!: string;
  @ApiProperty({ example: 'H1 2026' }) title!: string;
  @ApiProperty({ example: 'default@1' }) policy!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty() finalized!: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) finalizedAt?: string;
}

export class ReviewCycleListDto {
  @ApiProperty({ type: [ReviewCycleSummaryDto], description: 'Oldest period first' }) cycles!: ReviewCycleSummaryDto[];
}

@ApiTags('review cycles')
@Controller('v1/review-cycles')
export class ReviewCycleListController {
  constructor(private readonly readModels: ReadModels) {}

  /** Every review cycle, oldest period first: what the distribution and the dashboard pick from. */
  @Get()
  @Roles('hr', 'analyst', 'admin')
  @QueryResponses(ReviewCycleListDto)
  async list(): Promise<ReviewCycleListDto> {
    const headers = (await (await this.readModels.view<CycleHeaderDoc>(cycleRatings.name)).scan(CYCLES_PREFIX)).map(([, header]) => header);
    return { cycles: headers.sort((a, b) => (a.periodStart === b.periodStart ? (a.cycleId < b.cycleId ? -1 : 1) : a.periodStart < b.periodStart ? -1 : 1)) };
  }
}
