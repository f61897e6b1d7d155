import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PolicyBook } from '@pm/commands';
import { employeeNotFound, policyRef } from '@pm/domain';
import { ACCESS_LOG, accessEntryOf, problem, RecordsAccess, Roles, type AccessLogStore, type AuthenticatedRequest } from '@pm/platform';
import { defaultTrajectoryYears, payTrajectory, retentionRiskCounts, retentionRisksOn, type RetentionCounts, type RetentionRiskItem } from '@pm/projections';
import { publishedMinimum } from '../analytics/rating-policies';
import { QueryResponses } from '../common/api-responses';
import { ClientIdPipe } from '../common/client-id.pipe';
import { PayRecords } from './pay-records';
import { PayTrajectoryDto, RetentionCountsDto, RetentionQueryDto, RetentionRisksDto, RetentionStatsQueryDto, TrajectoryQueryDto } from './pay.dto';

/** Business time: where the contract gives no date, the server's date (UTC). */
const today = (): string => new Date().toISOString().slice(0, 10);

/** An individual's pay: HR and compliance, each read access-logged. */
@ApiTags('pay')
@Controller('v1/employees/:employeeId')
export class PayTrajectoryController {
  constructor(
    private readonly records: PayRecords,
    private readonly policies: PolicyBook,
  ) {}

  /**
   * Pay per calendar year (ADR 016): base pro rata by day, sign-on paid, vesting at grant value and
   * at the policy's assumed growth. Years through today are as recorded; later ones are projected
   * from what is granted today. Stops at separation.
   */
  @Get('pay-trajectory')
  @Roles('hr', 'compliance')
  @RecordsAccess()
  @QueryResponses(PayTrajectoryDto, [404, 'Unknown employee'])
  async trajectory(@Param('employeeId', ClientIdPipe) employeeId: string, @Query() query: TrajectoryQueryDto): Promise<PayTrajectoryDto> {
    const record = await this.records.one(employeeId);
    if (!record) throw employeeNotFound(employeeId);
    const asOf = today();
    const years = defaultTrajectoryYears(record, asOf);
    const from = query.from ?? years.from;
    const to = query.to ?? years.to;
    if (from > to)
      throw problem(400, 'invalid-input', 'Invalid input', 'The years end before they start', {
        errors: [{ field: 'from', message: `from (${from}) must not be after to (${to})` }],
      });
    const policy = await this.policies.defaultPolicy();
    const assumedStockGrowth = policy.compensation?.assumedStockGrowth ?? 0;
    const trajectory = payTrajectory(record, { from, to, asOf, assumedStockGrowth });
    return { employeeId, ...trajectory };
  }
}

@ApiTags('pay')
@Controller('v1')
export class RetentionRisksController {
  constructor(
    private readonly records: PayRecords,
    private readonly policies: PolicyBook,
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLogStore,
  ) {}

  /**
   * Everyone at risk of leaving for pay on `on` under the policy in force: latest final grades at
   * or above the policy's bar and twelve months ahead paying more than its share less than the
   * twelve months behind. Each person listed gets an access-log entry before the answer is served.
   */
  @Get('retention-risks')
  @Roles('hr', 'admin')
  @QueryResponses(RetentionRisksDto)
  async risks(@Query() query: RetentionQueryDto, @Req() request: AuthenticatedRequest): Promise<{ on: string; policy: string; items: RetentionRiskItem[] }> {
    const on = query.on ?? today();
    const policy = await this.policies.defaultPolicy();
    const items = retentionRisksOn(await this.records.all(), policy, on);
    await this.accessLog.recordMany(items.map((item) => accessEntryOf(request, item.employeeId)));
    return { on, policy: policyRef(policy), items };
  }

  /**
   * How many are at risk per org, level or whole years of tenure: counts only, never pay; groups
   * under the strictest published minimum are suppressed, complementarily (ADR 010).
   */
  @Get('stats/retention-risks')
  @Roles('analyst', 'admin')
  @QueryResponses(RetentionCountsDto)
  async counts(@Query() query: RetentionStatsQueryDto): Promise<RetentionCounts & { policy: string }> {
    const on = query.on ?? today();
    const policy = await this.policies.defaultPolicy();
    const minimum = await publishedMinimum(this.policies, policy);
    return { ...retentionRiskCounts(await this.records.all(), policy, on, query.groupBy, minimum), policy: policyRef(policy) };
  }
}
