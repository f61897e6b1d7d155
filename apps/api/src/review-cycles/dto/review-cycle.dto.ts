import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { BusinessDate, BusinessTime, ClientId, Text } from '../../common/validators';

export class OpenReviewCycleDto {
  @ClientId('Review cycle id, e.g. 2026-H1') cycleId!: string;
  @Text('Display name', 200) name!: string;
  @BusinessDate('First day rated') periodStart!: string;
  @BusinessDate('Last day rated') periodEnd!: string;
  @ClientId('Policy the cycle is rated under; the default policy when omitted', false) policyId?: string;
  @BusinessTime() occurredAt?: string;
}

export class SelfAssessmentDto {
  @ClientId('Who assesses themselves') employeeId!: string;
  @Text('The self-assessment (free text; personal)', 20_000) text!: string;
  @BusinessTime() occurredAt?: string;
}

export class PrinciplesDto {
  @ApiProperty({ type: [String], maxItems: 16 })
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  met!: string[];

  @ApiProperty({ type: [String], maxItems: 16 })
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  missed!: string[];
}

export class ProposeRatingDto {
  @ClientId('Who is rated') employeeId!: string;
  @ClientId('The rating manager') managerId!: string;
  @Text("A grade of the cycle policy's scale, e.g. HV2", 8) rating!: string;
  @ApiPropertyOptional({ type: PrinciplesDto, description: 'Leadership principles met and missed' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PrinciplesDto)
  principles?: PrinciplesDto;
  @Text('The narrative (free text; personal)', 20_000, false) narrative?: string;
  @BusinessTime() occurredAt?: string;
}

export class CalibrateRatingDto {
  @ClientId('Whose rating moves') employeeId!: string;
  @Text("The calibrated grade, on the cycle policy's scale", 8) rating!: string;
  @ApiPropertyOptional({ description: 'Stack rank within the calibration group (1 is the top)', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  rank?: number;
  @ClientId('Calibration group', false) groupId?: string;
  @Text('Why the group moved it (free text; personal)', 5000) rationale!: string;
  @ClientId('Employee id of who calibrated (the API key stays the actor)', false) decidedBy?: string;
  @BusinessTime() occurredAt?: string;
}

export class FinalizeReviewCycleDto {
  @BusinessTime() occurredAt?: string;
}
