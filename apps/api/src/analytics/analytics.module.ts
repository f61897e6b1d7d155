import { Module } from '@nestjs/common';
import { DashboardController } from '../dashboard/dashboard.controller';
import { PayModule } from '../pay/pay.module';
import { StatsController } from './stats.controller';
import { WorkforceRecords } from './workforce-records';

/** Attrition, calibration and fairness statistics, and the analysts' dashboard that draws them. */
@Module({ imports: [PayModule], controllers: [StatsController, DashboardController], providers: [WorkforceRecords], exports: [WorkforceRecords] })
export class AnalyticsModule {}
