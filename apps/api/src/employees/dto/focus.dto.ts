import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { BusinessDate, BusinessTime, ClientId, Text } from '../../common/validators';

export class GoalDto {
  @ClientId('Goal id, unique within the plan') goalId!: string;
  @Text('What must be achieved (free text; personal)', 2000) description!: string;
  @Text('How it is measured, objectively', 1000) measure!: string;
}

export class EnterFocusDto {
  @BusinessDate('First day of Focus') startDate!: string;
  @BusinessDate('Last day; the policy bounds the length (default 30 to 90 days)') dueDate!: string;
  @Text('Why (free text; personal)', 2000) reason!: string;
  @ApiProperty({ type: [GoalDto], minItems: 1, maxItems: 10 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => GoalDto)
  goals!: GoalDto[];
  @BusinessTime() occurredAt?: string;
}

export class UpdateFocusGoalDto {
  @ApiProperty({ enum: ['met', 'missed', 'in_progress'] })
  @IsIn(['met', 'missed', 'in_progress'])
  status!: 'met' | 'missed' | 'in_progress';
  @Text('Evidence or comment (free text; personal)', 2000, false) note?: string;
  @BusinessTime() occurredAt?: string;
}

export class CloseFocusDto {
  @ApiProperty({ enum: ['succeeded', 'escalated'] })
  @IsIn(['succeeded', 'escalated'])
  outcome!: 'succeeded' | 'escalated';
  @BusinessDate('When Focus ended') effectiveDate!: string;
  @ClientId("A reason code; an escalation before the due date needs one of the policy's focus.earlyEscalationReasons", false) reason?: string;
  @ClientId('Employee id of who decided (the API key stays the actor)', false) decidedBy?: string;
  @BusinessTime() occurredAt?: string;
}

export class PlaceInPivotDto {
  @BusinessDate('First day of Pivot; the choice window starts here') startDate!: string;
  @Text('Why (free text; personal)', 2000) reason!: string;
  @BusinessTime() occurredAt?: string;
}

export class ChoosePivotOptionDto {
  @ApiProperty({ enum: ['buyout', 'appeal', 'improvement_plan'] })
  @IsIn(['buyout', 'appeal', 'improvement_plan'])
  option!: 'buyout' | 'appeal' | 'improvement_plan';
  @BusinessDate('When the employee chose; within the policy window') effectiveDate!: string;
  @BusinessDate('Improvement plan only: its due date (default 30 to 60 days)', false) planDueDate?: string;
  @ApiPropertyOptional({ type: [GoalDto], maxItems: 10, description: 'Improvement plan only' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => GoalDto)
  goals?: GoalDto[];
  @BusinessTime() occurredAt?: string;
}
