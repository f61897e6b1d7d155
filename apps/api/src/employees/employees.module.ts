import { Module } from '@nestjs/common';
import { EmployeesController } from './employees.controller';
import { ErasureController } from './erasure.controller';
import { ExecuteEmployeeCommandHandler } from './execute-employee-command';
import { FocusAndPivotController } from './focus-and-pivot.controller';
import { GetEmployeeHandler } from './get-employee.query';
import { LifecycleController } from './lifecycle.controller';
import { PayController } from './pay.controller';
import { PivotLapseWatch } from './pivot-lapse.process';
import { PromotionsController } from './promotions.controller';
import { UnfinishedErasures } from './unfinished-erasures';

/** Hiring to separation: the employee lifecycle, Focus, Pivot, promotions and erasure. */
@Module({
  controllers: [EmployeesController, FocusAndPivotController, PromotionsController, ErasureController, LifecycleController, PayController],
  providers: [ExecuteEmployeeCommandHandler, GetEmployeeHandler, PivotLapseWatch, UnfinishedErasures],
})
export class EmployeesModule {}
