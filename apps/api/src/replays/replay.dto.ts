import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject } from 'class-validator';
import { BusinessDate } from '../common/validators';

export class ReplayRequestDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'A whole policy document (typically GET /v1/policies/{id}, changed); `version` is ignored',
  })
  @IsObject()
  policy!: Record<string, unknown>;

  @BusinessDate('First business date of the window; default: the start of the history', false)
  from?: string;

  @BusinessDate('Last business date of the window; default: the end of the history', false)
  to?: string;
}

export class ReplayMoneyDto {
  @ApiProperty({ description: 'Minor units (cents); in a diff, may be negative' }) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

export class ReplayPayDto {
  @ApiProperty({ description: 'People at retention risk on the window’s last day (ADR 016)' }) atRisk!: number;
  @ApiProperty({ description: 'At-risk people whose last grade is at or above the regretted line × compensation.retentionRisk.leaveLikelihood; 2 decimals' })
  expectedRegrettedExits!: number;
  @ApiProperty({ type: ReplayMoneyDto, description: 'Refresher grants the side’s rules grant at final ratings in the window, at grant value' })
  refresherCost!: ReplayMoneyDto;
  @ApiProperty({ type: ReplayMoneyDto, description: 'Everyone’s total pay over the window (base, sign-on, vesting at grant value)' })
  payCost!: ReplayMoneyDto;
}

export class ReplaySummaryDto {
  @ApiProperty() ratedEmployees!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) gradeDistribution!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) curveTargets!: Record<string, number>;
  @ApiProperty() focusEligible!: number;
  @ApiProperty({ description: 'Expected values where the counterfactual creates cases: may be fractional' }) focusEntries!: number;
  @ApiProperty() pivots!: number;
  @ApiProperty() involuntaryExits!: number;
  @ApiProperty() separations!: number;
  @ApiProperty() regretted!: number;
  @ApiProperty() unregretted!: number;
  @ApiProperty({ nullable: true }) unregrettedRate!: number | null;
  @ApiProperty({ nullable: true }) uraTarget!: number | null;
  @ApiProperty({ nullable: true, description: 'unregrettedRate - uraTarget' }) uraGap!: number | null;
  @ApiProperty() promotionNominations!: number;
  @ApiProperty() promotionEligible!: number;
  @ApiProperty({
    type: ReplayPayDto,
    nullable: true,
    description:
      'Pay under the side’s refresher, vesting and band rules; overall only. Null for analysts when the window’s population is under the minimum group size',
  })
  pay!: ReplayPayDto | null;
}

export class ChangedOutcomeDto {
  @ApiPropertyOptional({ description: 'Admin: the employee id. Never for analysts, who get counts' }) employee?: string;
  @ApiPropertyOptional({ description: 'Analysts: the org counted in; absent on the overall rows' }) org?: string;
  @ApiPropertyOptional() cycleId?: string;
  @ApiProperty({ enum: ['grade', 'focusEligible', 'focus', 'separation', 'regretted', 'promotionEligible'] }) outcome!: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true }) baseline!: unknown;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true }) counterfactual!: unknown;
  @ApiPropertyOptional({ description: 'Analysts: how many people had this change (overall, or in `org`)' }) count?: number;
}

export class ReplayResultDto {
  @ApiProperty({ description: 'Every event up to this position was replayed' }) position!: number;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ baseline: refs of the recorded policies, counterfactual: the proposed one }' })
  policy!: unknown;
  @ApiProperty({ type: ReplaySummaryDto }) baseline!: ReplaySummaryDto;
  @ApiProperty({ type: ReplaySummaryDto }) counterfactual!: ReplaySummaryDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '{ overall, byOrg[], byPeriod[], pay }: only what differs (pay null as on the sides)',
  })
  diff!: unknown;
  @ApiProperty({
    type: [ChangedOutcomeDto],
    description: 'Admin: one row per person and outcome. Analysts: counts per kind of change, overall and per org not suppressed',
  })
  changedOutcomes!: ChangedOutcomeDto[];
  @ApiProperty({ type: [String], description: 'Every estimate the counterfactual rests on, in words' }) assumptions!: string[];
  @ApiPropertyOptional({ description: 'Analysts: the minimum group size applied (the published one, or the proposed one if larger)' })
  minGroupSize?: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'Analysts: orgs under the minimum size, or suppressed to protect one, left out of diff.byOrg and the per-org changed outcomes',
  })
  suppressedOrgs?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Analysts: years under the minimum size (or suppressed to protect one), left out of diff.byPeriod' })
  suppressedPeriods?: string[];
}

export class ReplayJobDto {
  @ApiProperty() replayId!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) state!: 'running' | 'done' | 'failed';
  @ApiProperty({ description: 'Share of the history folded, 0 to 1' }) progress!: number;
  @ApiPropertyOptional({ type: ReplayResultDto }) result?: ReplayResultDto;
  @ApiPropertyOptional({ description: 'Why it failed (a problem+json document)' }) error?: unknown;
}
