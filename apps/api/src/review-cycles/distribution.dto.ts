import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DISTRIBUTION_GROUP_BYS, type DistributionGroupBy } from '@pm/projections';

const gradeMap = { type: 'object', additionalProperties: { type: 'number' }, example: { TT: 2, HV1: 3, LE: 1 } } as const;

export class DistributionQueryDto {
  @ApiPropertyOptional({ enum: DISTRIBUTION_GROUP_BYS, default: 'all', description: 'calibrationGroup = the groupId given at calibration' })
  @IsOptional()
  @IsIn(DISTRIBUTION_GROUP_BYS)
  groupBy: DistributionGroupBy = 'all';
}

export class GroupDistributionDto {
  @ApiProperty() group!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ ...gradeMap, description: 'Final grades once finalized, else calibrated, else proposed' }) counts!: Record<string, number>;
  @ApiProperty({ ...gradeMap, description: 'counts / size' }) shares!: Record<string, number>;
  @ApiProperty({ ...gradeMap, description: "The policy curve's target shares" }) targets!: Record<string, number>;
  @ApiProperty({ ...gradeMap, description: 'share - target, per targeted grade' }) deviations!: Record<string, number>;
  @ApiProperty({ description: "Group at least the curve's minimum size" }) curveEnforced!: boolean;
  @ApiProperty({ ...gradeMap, description: "The managers' proposals before calibration" }) proposedCounts!: Record<string, number>;
}

export class CalibrationMoveDto {
  @ApiProperty({ description: 'Who was moved; for analysts a pseudonym (p-...) fresh per answer' }) employeeId!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'Who moved them (the calibrating actor, role:keyId); for analysts a pseudonym, never a key id' }) by!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ description: 'Not for analysts' }) rank?: number;
  @ApiPropertyOptional({ description: 'For analysts only when the calibration group reaches the minimum group size' }) groupId?: string;
}

export class DistributionDto {
  @ApiProperty() cycleId!: string;
  @ApiProperty({ example: 'default@1' }) policy!: string;
  @ApiProperty({ enum: ['final', 'calibrating'] }) stage!: string;
  @ApiProperty({ enum: DISTRIBUTION_GROUP_BYS }) groupBy!: string;
  @ApiProperty({ type: [String], description: 'Grades best first' }) grades!: string[];
  @ApiProperty({ type: [GroupDistributionDto] }) groups!: GroupDistributionDto[];
  @ApiProperty({ type: [CalibrationMoveDto], description: 'Every calibration; for analysts only those of people in shown groups' })
  moves!: CalibrationMoveDto[];
  @ApiProperty({ type: GroupDistributionDto, nullable: true, description: 'Everyone rated; for analysts null when fewer than the minimum group size' })
  totals!: GroupDistributionDto | null;
  @ApiPropertyOptional({
    type: [String],
    description: 'Analysts: groups not shown (under the minimum size, or suppressed so that totals minus groups cannot reveal one)',
  })
  suppressed?: string[];
}
