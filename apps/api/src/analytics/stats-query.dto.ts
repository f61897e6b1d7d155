import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { BusinessDate, CLIENT_ID } from '../common/validators';

const GROUP_BYS = ['org', 'manager', 'level', 'jobFamily'] as const;
const OUTCOMES = ['focus', 'pivot', 'separation', 'involuntarySeparation'] as const;

/** A period of business dates; both ends default to the twelve months up to today. */
export class PeriodQueryDto {
  @BusinessDate('First day of the period (inclusive); default: a year before `to`', false)
  from?: string;

  @BusinessDate('Last day of the period (inclusive); default: today', false)
  to?: string;

  @ApiPropertyOptional({ description: 'Policy whose rules and targets apply; default: the policy in force' })
  @IsOptional()
  @Matches(CLIENT_ID, { message: '$property must be a policy id' })
  policyId?: string;
}

export class AttritionQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'org' })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy: (typeof GROUP_BYS)[number] = 'org';
}

export class AdverseImpactQueryDto extends PeriodQueryDto {
  @ApiPropertyOptional({ description: 'A group attribute recorded at hire (attributes map), e.g. gender, ageBand', example: 'gender' })
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, { message: '$property must be an attribute name' })
  attribute!: string;

  @ApiPropertyOptional({ enum: OUTCOMES, default: 'focus' })
  @IsOptional()
  @IsIn(OUTCOMES)
  outcome: (typeof OUTCOMES)[number] = 'focus';
}
