import { Module } from '@nestjs/common';
import { DashboardController } from '../dashboard/dashboard.controller';
import { StatsController } from './stats.controller';
import { WorkforceRecords } from './workforce-records';

/** Attrition, calibration and fairness statistics, and the analysts' dashboard that draws them. */
@Module({ controllers: [StatsController, DashboardController], providers: [WorkforceRecords], exports: [WorkforceRecords] })
export class AnalyticsModule {}
