import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { BusinessDate } from '../common/validators';

const GROUP_BYS = ['org', 'level', 'tenureYears'] as const;

export class TrajectoryQueryDto {
  @ApiPropertyOptional({ description: 'First calendar year shown; default: the year pay starts' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  from?: number;

  @ApiPropertyOptional({ description: 'Last calendar year shown; default: the year of the last payment or vest known today' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  to?: number;
}

export class RetentionQueryDto {
  @BusinessDate('The business date judged; default: the server’s date', false)
  on?: string;
}

export class RetentionStatsQueryDto extends RetentionQueryDto {
  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'org' })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy: (typeof GROUP_BYS)[number] = 'org';
}

export class PayMoneyDto {
  @ApiProperty({ description: 'Integer minor units (cents)' }) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

export class PayYearDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Cents: each day’s annual base / days in the year, summed, rounded half up' }) base!: number;
  @ApiProperty({ description: 'Cents: sign-on instalments paid in the year, less a clawback owed' }) signOn!: number;
  @ApiProperty({ description: 'Cents: vests in the year at grant value' }) vestingAtGrant!: number;
  @ApiProperty({ description: 'Cents: vests in the year at the policy’s assumed stock growth' }) vestingAtGrowth!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalAtGrowth!: number;
  @ApiProperty({ description: 'Part of the year lies after asOf: projected from what was granted by then' }) projected!: boolean;
}

export class PayTrajectoryDto {
  @ApiProperty() employeeId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'The server’s date: years up to it are as recorded' }) asOf!: string;
  @ApiProperty({ type: [PayYearDto] }) years!: PayYearDto[];
}

export class RetentionReasonDto {
  @ApiProperty({ enum: ['grant-ends', 'grant-tapers', 'sign-on-ended', 'sign-on-tapers', 'base-fell'] }) kind!: string;
  @ApiPropertyOptional() grantId?: string;
  @ApiPropertyOptional() grantDate?: string;
  @ApiPropertyOptional({ description: 'Last vest (a grant) or last instalment (a sign-on)' }) lastVest?: string;
  @ApiProperty({ description: 'Cents this part pays less over the next twelve months' }) amount!: number;
}

export class PromotionGapDto {
  @ApiProperty() level!: string;
  @ApiProperty({ type: PayMoneyDto }) bandMin!: PayMoneyDto;
  @ApiProperty({ type: PayMoneyDto }) bandMax!: PayMoneyDto;
}

export class ClosesGapDto {
  @ApiProperty({ type: PayMoneyDto, description: 'A refresher whose first year of vesting restores the last twelve months’ total' }) refresher!: PayMoneyDto;
  @ApiPropertyOptional({ type: PromotionGapDto }) promotion?: PromotionGapDto;
}

export class RetentionRiskItemDto {
  @ApiProperty() employeeId!: string;
  @ApiProperty() orgId!: string;
  @ApiProperty() level!: string;
  @ApiProperty() jobFamily!: string;
  @ApiProperty({ type: [String] }) latestGrades!: string[];
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'Cents' }) lastTwelveMonths!: number;
  @ApiProperty({ description: 'Cents' }) nextTwelveMonths!: number;
  @ApiProperty({ description: 'Cents' }) drop!: number;
  @ApiProperty() dropShare!: number;
  @ApiProperty({ type: [RetentionReasonDto] }) why!: RetentionReasonDto[];
  @ApiProperty({ type: ClosesGapDto }) closesGap!: ClosesGapDto;
}

export class RetentionRisksDto {
  @ApiProperty() on!: string;
  @ApiProperty() policy!: string;
  @ApiProperty({ type: [RetentionRiskItemDto] }) items!: RetentionRiskItemDto[];
}

export class RetentionCountRowDto {
  @ApiProperty() group!: string;
  @ApiProperty() employees!: number;
  @ApiProperty() atRisk!: number;
}

export class RetentionCountsDto {
  @ApiProperty() on!: string;
  @ApiProperty({ enum: GROUP_BYS }) groupBy!: string;
  @ApiProperty() policy!: string;
  @ApiProperty({ type: [RetentionCountRowDto] }) rows!: RetentionCountRowDto[];
  @ApiProperty({ type: RetentionCountRowDto, nullable: true }) total!: RetentionCountRowDto | null;
  @ApiProperty() suppressedGroups!: number;
}
