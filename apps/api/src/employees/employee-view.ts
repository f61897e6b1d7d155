import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EmployeeState, ScheduledChange } from '@pm/domain';

export class LastRatingDto {
  @ApiProperty() cycleId!: string;
  @ApiProperty({ example: 'HV2' }) rating!: string;
  @ApiProperty({ example: 'default@1' }) policy!: string;
}

export class PlanGoalDto {
  @ApiProperty() goalId!: string;
  @ApiProperty({ enum: ['met', 'missed', 'in_progress'] }) status!: string;
}

export class PlanDto {
  @ApiProperty({ enum: ['focus', 'pivot'] }) kind!: 'focus' | 'pivot';
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiPropertyOptional({ format: 'date', description: 'Focus: its due date' }) dueDate?: string;
  @ApiPropertyOptional({ type: [PlanGoalDto], description: 'Focus: its goals' }) goals?: PlanGoalDto[];
  @ApiPropertyOptional({ format: 'date', description: 'Pivot: last day to choose an option' }) choiceDeadline?: string;
  @ApiPropertyOptional({ enum: ['buyout', 'appeal', 'improvement_plan'] }) option?: string;
  @ApiPropertyOptional({ format: 'date' }) planDueDate?: string;
}

export class ScheduledChangeDto {
  @ApiProperty({ enum: ['EmployeeSeparated', 'EmployeeTransferred', 'ManagerChanged', 'JobChanged'] }) type!: string;
  @ApiProperty({ format: 'date', description: 'When it takes effect; for a separation, the last day of employment' }) effectiveDate!: string;
}

export class MoneyViewDto {
  @ApiProperty({ description: 'Minor units (cents)', example: 15_000_000 }) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

export class PayViewDto {
  @ApiProperty({ type: MoneyViewDto, description: 'Annual base in force today' }) baseSalary!: MoneyViewDto;
  @ApiProperty({ format: 'date' }) effectiveDate!: string;
}

export class EmployeeViewDto {
  @ApiProperty() employeeId!: string;
  @ApiProperty({ enum: ['active', 'focus', 'pivot', 'separated'] }) status!: 'active' | 'focus' | 'pivot' | 'separated';
  @ApiProperty() level!: string;
  @ApiProperty() jobFamily!: string;
  @ApiProperty() orgId!: string;
  @ApiPropertyOptional() managerId?: string;
  @ApiProperty({ format: 'date' }) hireDate!: string;
  @ApiProperty({ type: LastRatingDto, nullable: true }) lastRating!: LastRatingDto | null;
  @ApiPropertyOptional({ type: PlanDto }) plan?: PlanDto;
  @ApiPropertyOptional({ format: 'date' }) separatedOn?: string;
  @ApiProperty({ type: [ScheduledChangeDto], description: 'Changes recorded ahead of their date, not yet in force today' })
  scheduled!: ScheduledChangeDto[];
  @ApiPropertyOptional({ type: PayViewDto, description: 'hr and compliance only: the base in force today, when one was recorded' }) pay?: PayViewDto;
  @ApiProperty({ description: 'Stream revision; send it back in If-Match to make a command conditional' }) revision!: number;
}

export function employeeView(
  state: Exclude<EmployeeState, { status: 'none' }>,
  revision: number,
  scheduled: ScheduledChange[],
  withPay = false,
): EmployeeViewDto {
  const last = state.ratings.at(-1);
  const pay = withPay ? state.pay?.at(-1) : undefined;
  const plan: PlanDto | undefined =
    state.status === 'focus'
      ? {
          kind: 'focus',
          startDate: state.focus.startDate,
          dueDate: state.focus.dueDate,
          goals: Object.values(state.focus.goals).map(({ goalId, status }) => ({ goalId, status })),
        }
      : state.status === 'pivot'
        ? {
            kind: 'pivot',
            startDate: state.pivot.startDate,
            choiceDeadline: state.pivot.choiceDeadline,
            option: state.pivot.option,
            planDueDate: state.pivot.planDueDate,
          }
        : undefined;
  return {
    employeeId: state.employeeId,
    status: state.status,
    level: state.level,
    jobFamily: state.jobFamily,
    orgId: state.orgId,
    managerId: state.managerId,
    hireDate: state.hireDate,
    lastRating: last ? { cycleId: last.cycleId, rating: last.rating, policy: last.policy } : null,
    ...(plan ? { plan } : {}),
    ...(state.status === 'separated' ? { separatedOn: state.separatedOn } : {}),
    scheduled,
    ...(pay ? { pay: { baseSalary: pay.baseSalary, effectiveDate: pay.effectiveDate } } : {}),
    revision,
  };
}
