import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PolicyBook } from '@pm/commands';
import type { Policy } from '@pm/domain';
import { PersonalData, problem, Pseudonyms, Roles, type AuthenticatedRequest } from '@pm/platform';
import {
  adverseImpact,
  attritionStats,
  feedbackRatingDivergence,
  hireToFire,
  type AdverseImpactReport,
  type AttritionStats,
  type DivergenceRow,
  type HireToFireRow,
  type Period,
} from '@pm/projections';
import { QueryResponses } from '../common/api-responses';
import { AdverseImpactDto, AttritionStatsDto, DivergenceDto, HireToFireDto } from './stats.dto';
import { ratingPolicies } from './rating-policies';
import { AdverseImpactQueryDto, AttritionQueryDto, PeriodQueryDto } from './stats-query.dto';
import { WorkforceRecords } from './workforce-records';

/** Analysts see pseudonyms where a row is about one person; compliance and admin see employee ids. */
const PSEUDONYMIZED_ROLES = new Set(['analyst']);

@ApiTags('analytics')
@Controller('v1/stats')
export class StatsController {
  constructor(
    private readonly records: WorkforceRecords,
    private readonly policies: PolicyBook,
    private readonly personalData: PersonalData,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  /**
   * Attrition by org, manager, level or job family over a period: average headcount, separations
   * by kind, annualized rates against the URA target, Focus entries and conversion, Pivot outcomes
   * and the appeal win rate. Groups smaller than the policy's minimum are suppressed.
   */
  @Get('attrition')
  @Roles('analyst', 'admin')
  @QueryResponses(AttritionStatsDto)
  async attrition(@Query() query: AttritionQueryDto): Promise<AttritionStats & { policy: string }> {
    const { period, policy } = await this.scope(query);
    const stats = attritionStats(await this.records.all(), { ...period, groupBy: query.groupBy, policy });
    return { ...stats, policy: `${policy.policyId}@${policy.version}` };
  }

  /** People put in Focus or Pivot within the policy's months of being hired, started in the period. */
  @Get('hire-to-fire')
  @Roles('analyst', 'compliance', 'admin')
  @ApiOperation({ summary: 'Focus or Pivot soon after hire (policy analytics.hireToFireMonths); pseudonymous ids for analysts' })
  @QueryResponses(HireToFireDto)
  async hireToFire(
    @Query() query: PeriodQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<{ from: string; to: string; months: number; rows: HireToFireRow[] }> {
    const { period, policy } = await this.scope(query);
    const rows = hireToFire(await this.records.all(), { ...period, policy });
    const pseudonymize = this.pseudonymizer(request);
    return {
      ...period,
      months: policy.analytics.hireToFireMonths ?? 6,
      rows: await Promise.all(
        rows.map(async (r) => ({ ...r, employeeId: await pseudonymize(r.employeeId), ...(r.managerId ? { managerId: await pseudonymize(r.managerId) } : {}) })),
      ),
    };
  }

  /**
   * Below-bar ratings given against strong peer 360 feedback: the counter-narrative worth a second
   * look. Each rating is judged under the policy it was given under; `policyId` (else the default)
   * judges only a rating whose policy version is no longer known.
   */
  @Get('feedback-divergence')
  @Roles('analyst', 'compliance', 'admin')
  @ApiOperation({ summary: 'Low final ratings despite mostly positive peer 360s; pseudonymous ids for analysts' })
  @QueryResponses(DivergenceDto)
  async divergence(@Query() query: PeriodQueryDto, @Req() request: AuthenticatedRequest): Promise<{ from: string; to: string; rows: DivergenceRow[] }> {
    const { period, policy } = await this.scope(query);
    const records = await this.records.all();
    const byRef = await ratingPolicies(records, this.policies);
    const rows = feedbackRatingDivergence(records, { policyByRef: (ref) => byRef.get(ref), fallbackPolicy: policy }).filter(
      (r) => r.periodEnd >= period.from && r.periodEnd <= period.to,
    );
    const pseudonymize = this.pseudonymizer(request);
    return {
      ...period,
      rows: await Promise.all(
        rows.map(async (r) => ({ ...r, employeeId: await pseudonymize(r.employeeId), ...(r.managerId ? { managerId: await pseudonymize(r.managerId) } : {}) })),
      ),
    };
  }

  /**
   * Focus, Pivot or separation rates per value of a recorded group attribute, with the four-fifths
   * rule; groups under the policy's minimum size are suppressed. Erased people count as unknown.
   */
  @Get('adverse-impact')
  @Roles('analyst', 'compliance', 'admin')
  @QueryResponses(AdverseImpactDto)
  async adverseImpact(@Query() query: AdverseImpactQueryDto): Promise<AdverseImpactReport> {
    const { period, policy } = await this.scope(query);
    const records = await this.records.all();
    const values = new Map<string, string | undefined>();
    await Promise.all(
      records.map(async (record) => {
        const attributes = record.attributes === undefined ? undefined : await this.personalData.revealValue(record.employeeId, record.attributes);
        const value = typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>)[query.attribute] : undefined;
        values.set(record.employeeId, typeof value === 'string' ? value : undefined);
      }),
    );
    return adverseImpact(records, (id) => values.get(id), {
      ...period,
      attribute: query.attribute,
      outcome: query.outcome,
      minGroupSize: policy.analytics.minGroupSize,
    });
  }

  private async scope(query: PeriodQueryDto): Promise<{ period: Period; policy: Policy }> {
    const to = query.to ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? oneYearBefore(to);
    if (from > to)
      throw problem(400, 'invalid-input', 'Invalid input', 'The period ends before it starts', {
        errors: [{ field: 'from', message: `from (${from}) must not be after to (${to})` }],
      });
    const policy = query.policyId ? await this.policies.current(query.policyId) : await this.policies.defaultPolicy();
    return { period: { from, to }, policy };
  }

  private pseudonymizer(request: AuthenticatedRequest): (id: string) => Promise<string> {
    return PSEUDONYMIZED_ROLES.has(request.principal?.role ?? '') ? (id) => this.pseudonyms.of(id) : async (id) => id;
  }
}

function oneYearBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
