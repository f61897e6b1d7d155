import { Module } from '@nestjs/common';
import { PayRecords } from './pay-records';
import { PayTrajectoryController, RetentionRisksController } from './pay.controller';

/** Pay trajectories and retention risk, read from the pay projection (ADR 016). */
@Module({ controllers: [PayTrajectoryController, RetentionRisksController], providers: [PayRecords], exports: [PayRecords] })
export class PayModule {}
