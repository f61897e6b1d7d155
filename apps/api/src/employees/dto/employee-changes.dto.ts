import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { BusinessDate, BusinessTime, ClientId, Text } from '../../common/validators';

export class ChangeManagerDto {
  @ClientId('The new line manager') managerId!: string;
  @BusinessDate('When the change takes effect') effectiveDate!: string;
  @BusinessTime() occurredAt?: string;
}

export class TransferEmployeeDto {
  @ClientId('Org the employee moves to') toOrgId!: string;
  @ClientId('Manager in the new org', false) toManagerId?: string;
  @BusinessDate('When the transfer takes effect') effectiveDate!: string;
  @BusinessTime() occurredAt?: string;
}

export class SeparateEmployeeDto {
  @ApiProperty({ enum: ['voluntary', 'involuntary'] })
  @IsIn(['voluntary', 'involuntary'])
  type!: 'voluntary' | 'involuntary';
  @Text('Why (free text; personal)', 2000) reason!: string;
  @ApiPropertyOptional({ description: 'Regretted attrition; decided by the policy when omitted' })
  @IsOptional()
  @IsBoolean()
  regretted?: boolean;
  @BusinessDate('Last day of employment') effectiveDate!: string;
  @BusinessTime() occurredAt?: string;
}

export class RecordFeedbackDto {
  @ClientId('Who gives the feedback') fromEmployeeId!: string;
  @ApiProperty({ enum: ['peer360', 'anytime'] })
  @IsIn(['peer360', 'anytime'])
  kind!: 'peer360' | 'anytime';
  @ApiProperty({ enum: ['positive', 'neutral', 'negative'] })
  @IsIn(['positive', 'neutral', 'negative'])
  sentiment!: 'positive' | 'neutral' | 'negative';
  @ApiPropertyOptional({ type: [String], description: 'Leadership principles the feedback speaks to', maxItems: 16 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  principles?: string[];
  @Text('The feedback (free text; personal)', 10_000) text!: string;
  @ClientId('Review cycle the feedback belongs to', false) cycleId?: string;
  @BusinessTime() occurredAt?: string;
}
