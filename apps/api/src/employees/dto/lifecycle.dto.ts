import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { LeaveKind } from '@pm/domain';
import { BusinessDate, BusinessTime, ClientId, Text } from '../../common/validators';

export class RehireEmployeeDto {
  @BusinessDate('First day of the new employment period; after the last day of the previous one') hireDate!: string;
  @Text('Level on rehire, e.g. L6', 20) level!: string;
  @Text('Job family on rehire, e.g. SDE', 40) jobFamily!: string;
  @ClientId('Org the employee joins') orgId!: string;
  @ClientId('Line manager', false) managerId?: string;
  @BusinessTime() occurredAt?: string;
}

const LEAVE_KINDS: readonly LeaveKind[] = ['parental', 'medical', 'other'];

export class StartLeaveDto {
  @BusinessDate('First day of leave') startDate!: string;
  @ApiProperty({ enum: LEAVE_KINDS })
  @IsIn(LEAVE_KINDS)
  kind!: LeaveKind;
  @BusinessDate('Expected last day of leave', false) expectedEndDate?: string;
  @BusinessTime() occurredAt?: string;
}

export class EndLeaveDto {
  @BusinessDate('Last day of leave') endDate!: string;
  @BusinessTime() occurredAt?: string;
}

export class ChangeJobDto {
  @Text('New level, e.g. L5 (a demotion); promotions go through /promotions', 20, false) level?: string;
  @Text('New job family, e.g. PM', 40, false) jobFamily?: string;
  @BusinessDate('When the change takes effect') effectiveDate!: string;
  @Text('Why (free text; personal)', 2000) reason!: string;
  @BusinessTime() occurredAt?: string;
}
