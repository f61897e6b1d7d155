import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommandResponseDto } from '../common/command-result';

/** Documentation of the policy document; the domain validates it, field by field. */
export class PolicyDocumentDto {
  @ApiProperty({ example: 'default' }) policyId!: string;
  @ApiPropertyOptional({ description: 'Answered by GET; never sent with PUT', example: 3 }) version?: number;
  @ApiProperty({ example: 'Amazon-style' }) name!: string;
  @ApiProperty({ example: { grades: [{ code: 'TT' }, { code: 'HV1' }, { code: 'HV2' }, { code: 'HV3' }, { code: 'LE', belowBar: true }], aliases: {} } })
  scale!: object;
  @ApiProperty({ example: { targets: { TT: 0.2, LE: 0.06 }, minGroupSize: 50 } }) curve!: object;
  @ApiProperty({ example: { minDays: 30, maxDays: 90, defaultDays: 60, triggers: [{ grades: ['LE'], consecutive: 1 }] } }) focus!: object;
  @ApiProperty({
    example: { requiresEscalatedFocus: true, choiceWindowBusinessDays: 3, planMinDays: 30, planMaxDays: 60, appealPanelMin: 1, appealPanelMax: 5 },
  })
  pivot!: object;
  @ApiPropertyOptional({
    description: 'Levels per job family, lowest first; `*` is the ladder of families not listed. A promotion must go up the ladder; no ladder, no check',
    example: { SDE: ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10'] },
  })
  levels?: Record<string, string[]>;
  @ApiProperty({
    description: '`lookBack` (default 1): how many of the latest final ratings must all be at or above `minGrade`',
    example: { minGrade: 'HV1', minMonthsInLevel: 12, lookBack: 1 },
  })
  promotion!: object;
  @ApiProperty({ example: { uraTarget: 0.06, regrettedIfLastGradeAtLeast: 'HV3' } }) attrition!: object;
  @ApiProperty({ example: { minGroupSize: 5, hireToFireMonths: 6 } }) analytics!: object;
  @ApiPropertyOptional({ example: { baseWeeks: 10, weeksPerYearOfTenure: 2, appealLostShare: 0.1667, planFailedShare: 0.3333 } }) severance?: object;
  @ApiPropertyOptional({
    description: 'Separation reason codes after which a rehire is refused; absent: the three Pivot exits',
    example: { barredAfter: ['pivot_buyout', 'appeal_lost', 'pivot_failed'] },
  })
  rehire?: object;
  @ApiPropertyOptional({ description: 'Whether leave moves a running Focus or plan due date; absent: it does', example: { pausesClocks: true } })
  leave?: object;
}

export class PublishedPolicyDto extends CommandResponseDto {
  @ApiProperty() policyId!: string;
  @ApiProperty({ description: 'The version just published' }) version!: number;
}
