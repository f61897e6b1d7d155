import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PolicyBook } from '@pm/commands';
import type { Policy } from '@pm/domain';
import { PersonalData, problem, Pseudonyms, Roles, type AuthenticatedRequest } from '@pm/platform';
import {
  adverseImpact,
  atRiskWhenSeparated,
  attritionStats,
  feedbackRatingDivergence,
  hireToFire,
  hireToFireCounts,
  NO_MANAGER,
  type AdverseImpactReport,
  type AttritionStats,
  type DivergenceRow,
  type HireToFireCell,
  type HireToFireCounts,
  type HireToFireRow,
  type Period,
} from '@pm/projections';
import { QueryResponses } from '../common/api-responses';
import { HeavyJob } from '../common/heavy-job';
import { AdverseImpactDto, AttritionStatsDto, DivergenceDto, HireToFireDto } from './stats.dto';
import { publishedMinimum, ratingPolicies } from './rating-policies';
import { AdverseImpactQueryDto, AttritionQueryDto, PeriodQueryDto } from './stats-query.dto';
import { PayRecords } from '../pay/pay-records';
import { WorkforceRecords } from './workforce-records';

/**
 * Analysts see groups, never people (ADR 010): the strictest published minimum group size with
 * complementary suppression, counts instead of hire-to-fire rows, and pseudonyms fresh for each
 * answer. Compliance and admin keep employee ids, hire-to-fire rows and the policy's minimum.
 */
const isAnalyst = (request: AuthenticatedRequest): boolean => request.principal?.role === 'analyst';

type HireToFireAnswer = { from: string; to: string; months: number } & (
  { view: 'people'; rows: HireToFireRow[] } | { view: 'counts'; rows: HireToFireCell[]; total: HireToFireCounts | null; suppressedCells: number }
);

@ApiTags('analytics')
@Controller('v1/stats')
export class StatsController {
  constructor(
    private readonly records: WorkforceRecords,
    private readonly policies: PolicyBook,
    private readonly personalData: PersonalData,
    private readonly pseudonyms: Pseudonyms,
    private readonly pay: PayRecords,
  ) {}

  /**
   * Attrition by org, manager, level or job family over a period: average headcount, separations
   * by kind, annualized rates against the URA target, Focus entries and conversion, Pivot outcomes
   * and the appeal win rate. Groups smaller than the policy's minimum are suppressed; for analysts
   * with the strictest published minimum, complementarily, and managers named by pseudonym.
   */
  @Get('attrition')
  @Roles('analyst', 'admin')
  @QueryResponses(AttritionStatsDto)
  async attrition(@Query() query: AttritionQueryDto, @Req() request: AuthenticatedRequest): Promise<AttritionStats & { policy: string }> {
    const { period, policy } = await this.scope(query);
    const ref = `${policy.policyId}@${policy.version}`;
    const payById = new Map((await this.pay.all()).map((record) => [record.employeeId, record]));
    const atRisk = (employeeId: string): boolean => atRiskWhenSeparated(payById.get(employeeId), policy);
    const common = { ...period, groupBy: query.groupBy, policy, atRiskWhenSeparated: atRisk };
    if (!isAnalyst(request)) return { ...attritionStats(await this.records.all(), common), policy: ref };
    const minGroupSize = await publishedMinimum(this.policies, policy);
    const stats = attritionStats(await this.records.all(), { ...common, minGroupSize, complementary: true });
    if (query.groupBy !== 'manager') return { ...stats, policy: ref };
    const pseudonym = this.pseudonyms.forAnswer();
    const named = (group: string): string => (group === NO_MANAGER ? group : pseudonym(group));
    return {
      ...stats,
      rows: stats.rows.map((row) => ({ ...row, group: named(row.group) })),
      suppressed: stats.suppressed.map(named).sort(),
      policy: ref,
    };
  }

  /**
   * People put in Focus or Pivot within the policy's months of being hired, started in the period:
   * one row per person for compliance and admin; for analysts, counts per org, level and quarter
   * (cells under the minimum group size suppressed, complementarily) and a total.
   */
  @Get('hire-to-fire')
  @Roles('analyst', 'compliance', 'admin')
  @ApiOperation({ summary: 'Focus or Pivot soon after hire (policy analytics.hireToFireMonths); counts, not people, for analysts' })
  @QueryResponses(HireToFireDto)
  async hireToFire(@Query() query: PeriodQueryDto, @Req() request: AuthenticatedRequest): Promise<HireToFireAnswer> {
    const { period, policy } = await this.scope(query);
    const rows = hireToFire(await this.records.all(), { ...period, policy });
    const months = policy.analytics.hireToFireMonths ?? 6;
    if (!isAnalyst(request)) return { ...period, months, view: 'people', rows };
    const { cells, total, suppressedCells } = hireToFireCounts(rows, await publishedMinimum(this.policies, policy));
    return { ...period, months, view: 'counts', rows: cells, total, suppressedCells };
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
    if (!isAnalyst(request)) return { ...period, rows };
    const pseudonym = this.pseudonyms.forAnswer();
    return {
      ...period,
      rows: rows.map((r) => ({ ...r, employeeId: pseudonym(r.employeeId), managerId: r.managerId === null ? null : pseudonym(r.managerId) })),
    };
  }

  /**
   * Focus, Pivot or separation rates per value of a recorded group attribute, with the four-fifths
   * rule; groups under the policy's minimum size are suppressed. Erased people count as unknown.
   * Analysts: the strictest published minimum, complementary suppression, and only how many groups
   * were suppressed (no names, no sizes).
   */
  @Get('adverse-impact')
  @HeavyJob()
  @Roles('analyst', 'compliance', 'admin')
  @QueryResponses(AdverseImpactDto)
  async adverseImpact(
    @Query() query: AdverseImpactQueryDto,
    @Req() request: AuthenticatedRequest,
  ): Promise<AdverseImpactReport | Omit<AdverseImpactReport, 'suppressed'>> {
    const { period, policy } = await this.scope(query);
    const analyst = isAnalyst(request);
    const records = await this.records.all();
    const values = new Map<string, string | undefined>();
    await Promise.all(
      records.map(async (record) => {
        const attributes = record.attributes === undefined ? undefined : await this.personalData.revealValue(record.employeeId, record.attributes);
        const value = typeof attributes === 'object' && attributes !== null ? (attributes as Record<string, unknown>)[query.attribute] : undefined;
        values.set(record.employeeId, typeof value === 'string' ? value : undefined);
      }),
    );
    const report = adverseImpact(records, (id) => values.get(id), {
      ...period,
      attribute: query.attribute,
      outcome: query.outcome,
      minGroupSize: analyst ? await publishedMinimum(this.policies, policy) : policy.analytics.minGroupSize,
      complementary: analyst,
    });
    if (!analyst) return report;
    const { suppressed: _named, ...counted } = report;
    return counted;
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
}

function oneYearBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
