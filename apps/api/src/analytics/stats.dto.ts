import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

export class PivotOutcomesDto {
  @ApiProperty() buyout!: number;
  @ApiProperty() appealWon!: number;
  @ApiProperty() appealLost!: number;
  @ApiProperty() passed!: number;
  @ApiProperty() failed!: number;
}

export class AttritionRowDto {
  @ApiProperty({ description: 'The org, manager (a pseudonym fresh per answer, for analysts), level or job family; `(total)` for everyone' })
  group!: string;
  @ApiProperty({ description: 'Distinct employees counted in the row' }) population!: number;
  @ApiProperty({ description: 'Employee-days in the group in the period / days in the period' }) averageHeadcount!: number;
  @ApiProperty() separations!: number;
  @ApiProperty() voluntary!: number;
  @ApiProperty() involuntary!: number;
  @ApiProperty() regretted!: number;
  @ApiProperty() unregretted!: number;
  @ApiProperty({ description: 'Regretted separations of people who were at retention risk on their separation date (ADR 016)' }) regrettedAtRisk!: number;
  @ApiProperty({ nullable: true, description: 'Separations per employee-year (annualized); null without headcount' }) attritionRate!: number | null;
  @ApiProperty({ nullable: true, description: 'Unregretted separations per employee-year; compare with uraTarget' }) unregrettedRate!: number | null;
  @ApiProperty() uraTarget!: number;
  @ApiProperty({ description: 'Focus cases started in the period' }) focusEntries!: number;
  @ApiProperty({ nullable: true, description: 'Share of those Focus entries that led to a Pivot' }) focusToPivotRate!: number | null;
  @ApiProperty({ type: PivotOutcomesDto, description: 'Pivot outcomes dated in the period' }) pivotOutcomes!: PivotOutcomesDto;
  @ApiProperty({ nullable: true, description: 'appealWon / (appealWon + appealLost)' }) appealWinRate!: number | null;
}

export class AttritionStatsDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ enum: ['org', 'manager', 'level', 'jobFamily'] }) groupBy!: string;
  @ApiProperty({ description: 'Days in the period' }) days!: number;
  @ApiProperty({
    example: 'default@1',
    description: "The policy whose targets apply, and its minimum group size (for analysts never below the published policy in force's)",
  })
  policy!: string;
  @ApiProperty({ type: [AttritionRowDto] }) rows!: AttritionRowDto[];
  @ApiProperty({ type: AttritionRowDto, nullable: true, description: 'Everyone; null when the whole population is under the minimum group size' })
  total!: AttritionRowDto | null;
  @ApiProperty({
    type: [String],
    description:
      'Groups under the minimum size, not shown; for analysts also the smallest groups suppressed so that total minus rows never reveals a small group',
  })
  suppressed!: string[];
}

export class HireToFireRowDto {
  @ApiProperty({ description: 'Employee id (compliance and admin only)' }) employeeId!: string;
  @ApiProperty({ format: 'date' }) hireDate!: string;
  @ApiProperty() orgId!: string;
  @ApiProperty({ nullable: true }) managerId!: string | null;
  @ApiProperty() level!: string;
  @ApiProperty() jobFamily!: string;
  @ApiProperty({ enum: ['focus', 'pivot'] }) event!: string;
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty() monthsAfterHire!: number;
  @ApiProperty({ description: 'Separation reason code if separated, else the current standing' }) outcome!: string;
}

export class HireToFireCountsDto {
  @ApiProperty({ description: 'People counted' }) cases!: number;
  @ApiProperty({ description: 'Of which the first case was a Focus' }) focus!: number;
  @ApiProperty({ description: 'Of which the first case was a Pivot' }) pivot!: number;
  @ApiProperty({ description: 'Of which the person has since separated' }) separated!: number;
}

export class HireToFireCellDto extends HireToFireCountsDto {
  @ApiProperty({ description: 'Org on the start date' }) orgId!: string;
  @ApiProperty({ description: 'Level on the start date' }) level!: string;
  @ApiProperty({ example: '2025-Q1', description: 'Calendar quarter of the start' }) period!: string;
}

@ApiExtraModels(HireToFireRowDto, HireToFireCellDto)
export class HireToFireDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ description: 'The window after hire, from the policy' }) months!: number;
  @ApiProperty({ enum: ['people', 'counts'], description: '`people` (compliance, admin): one row per person; `counts` (analysts): cells' }) view!: string;
  @ApiProperty({
    type: 'array',
    items: { oneOf: [{ $ref: getSchemaPath(HireToFireRowDto) }, { $ref: getSchemaPath(HireToFireCellDto) }] },
    description: 'Per person (view people), or per org, level and quarter with at least the minimum group size of cases (view counts)',
  })
  rows!: (HireToFireRowDto | HireToFireCellDto)[];
  @ApiPropertyOptional({ type: HireToFireCountsDto, nullable: true, description: 'View counts: every case; null under the minimum group size' })
  total?: HireToFireCountsDto | null;
  @ApiPropertyOptional({ description: 'View counts: how many cells are suppressed' }) suppressedCells?: number;
}

export class SentimentCountsDto {
  @ApiProperty() positive!: number;
  @ApiProperty() neutral!: number;
  @ApiProperty() negative!: number;
}

export class DivergenceRowDto {
  @ApiProperty({ description: 'Employee id; for analysts a pseudonym (p-...) fresh per answer' }) employeeId!: string;
  @ApiProperty() cycleId!: string;
  @ApiProperty() grade!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ type: SentimentCountsDto }) peer360!: SentimentCountsDto;
  @ApiProperty() positiveShare!: number;
  @ApiProperty() orgId!: string;
  @ApiProperty({ nullable: true, description: 'For analysts a pseudonym, like employeeId' }) managerId!: string | null;
}

export class DivergenceDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [DivergenceRowDto] }) rows!: DivergenceRowDto[];
}

export class AdverseImpactGroupDto {
  @ApiProperty() value!: string;
  @ApiProperty() population!: number;
  @ApiProperty() affected!: number;
  @ApiProperty() rate!: number;
  @ApiProperty({ description: 'Lowest reported rate / this rate' }) impactRatio!: number;
  @ApiProperty({ description: 'impactRatio below 0.8 (four-fifths rule)' }) flagged!: boolean;
}

export class SuppressedGroupDto {
  @ApiProperty() value!: string;
  @ApiProperty() population!: number;
}

export class AdverseImpactDto {
  @ApiProperty() attribute!: string;
  @ApiProperty({ enum: ['focus', 'pivot', 'separation', 'involuntarySeparation'] }) outcome!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [AdverseImpactGroupDto] }) groups!: AdverseImpactGroupDto[];
  @ApiPropertyOptional({ type: [SuppressedGroupDto], description: 'Compliance and admin only: the suppressed groups with their sizes' })
  suppressed?: SuppressedGroupDto[];
  @ApiProperty({ description: 'How many groups are suppressed (for analysts, also complementarily)' }) suppressedGroups!: number;
  @ApiProperty({ description: 'People whose attribute is unknown or was erased' }) unknown!: number;
  @ApiPropertyOptional() rule!: string;
}
