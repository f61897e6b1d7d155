import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CODED_SEPARATION_REASONS, SEPARATION_REASON_CODES, type SeparationReasonCode } from '@pm/domain';
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

/** The exit codes HR records; the Pivot steps record their own. */
const HR_REASON_CODES = SEPARATION_REASON_CODES.filter((code) => !CODED_SEPARATION_REASONS.includes(code));

export class SeparateEmployeeDto {
  @ApiProperty({ enum: ['voluntary', 'involuntary'] })
  @IsIn(['voluntary', 'involuntary'])
  type!: 'voluntary' | 'involuntary';
  @Text('Why (free text; personal)', 2000) reason!: string;
  @ApiPropertyOptional({ description: 'Regretted attrition; decided by the policy when omitted' })
  @IsOptional()
  @IsBoolean()
  regretted?: boolean;
  @ApiPropertyOptional({ enum: HR_REASON_CODES, description: 'What kind of exit, beside the free-text reason (Pivot exits are recorded by the Pivot steps)' })
  @IsOptional()
  @IsIn(HR_REASON_CODES)
  reasonCode?: SeparationReasonCode;
  @BusinessDate('Last day of employment') effectiveDate!: string;
  @ClientId('Employee id of who decided the exit', false) decidedBy?: string;
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
