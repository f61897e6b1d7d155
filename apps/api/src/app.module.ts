import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import {
  AccessLogModule,
  APP_CONFIG,
  AuthModule,
  ConfigModule,
  createValidationPipe,
  EventStoreModule,
  HealthModule,
  IdempotencyModule,
  PersonalDataModule,
  ProblemFilter,
  ReadModelsModule,
  type AppConfig,
} from '@pm/platform';
import { AccessLogController } from './access-log/access-log.controller';
import { StatsController } from './analytics/stats.controller';
import { WorkforceRecords } from './analytics/workforce-records';
import { AuditModule } from './audit/audit.module';
import { DashboardController } from './dashboard/dashboard.controller';
import { ComplianceController } from './compliance/compliance.controller';
import { EmployeeHistory } from './compliance/employee-history';
import { EmployeesController } from './employees/employees.controller';
import { ErasureController } from './employees/erasure.controller';
import { ExecuteEmployeeCommandHandler } from './employees/execute-employee-command';
import { FocusAndPivotController } from './employees/focus-and-pivot.controller';
import { GetEmployeeHandler } from './employees/get-employee.query';
import { PromotionsController } from './employees/promotions.controller';
import { EventsController } from './feed/events.controller';
import { MetricsModule } from './metrics/metrics.module';
import { PoliciesController } from './policies/policies.controller';
import { ReplayHistoryCache } from './replays/replay-history.service';
import { ReplaysController } from './replays/replays.controller';
import { Replays } from './replays/replays.service';
import { ProjectionsController } from './projections-admin/projections.controller';
import { PolicyRepository } from './policies/policy.repository';
import { ExecuteReviewCycleCommandHandler } from './review-cycles/execute-review-cycle-command';
import { DistributionController } from './review-cycles/distribution.controller';
import { ReviewCycleListController } from './review-cycles/review-cycle-list.controller';
import { RatingDelivery } from './review-cycles/rating-delivery';
import { RatingRedelivery } from './review-cycles/rating-redelivery.process';
import { ReviewCyclesController } from './review-cycles/review-cycles.controller';
import { requestLogging } from './request-logging';
import { StreamCommandExecutor } from './common/stream-command.executor';
import { KeyThrottlerGuard, throttlerOptions } from './throttling';

export const CommandHandlers = [ExecuteEmployeeCommandHandler, ExecuteReviewCycleCommandHandler];
export const QueryHandlers = [GetEmployeeHandler];

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => requestLogging(config) }),
    ThrottlerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => throttlerOptions(config) }),
    CqrsModule.forRoot(),
    EventStoreModule,
    IdempotencyModule,
    PersonalDataModule,
    AccessLogModule,
    AuthModule,
    HealthModule,
    MetricsModule,
    AuditModule,
    ReadModelsModule.forRoot({ follow: (config) => config.readModels.runner === 'inline' }),
  ],
  controllers: [EmployeesController, ErasureController, AccessLogController, FocusAndPivotController, PromotionsController, ReviewCyclesController, PoliciesController, EventsController, ComplianceController, ProjectionsController, StatsController, DistributionController, ReviewCycleListController, DashboardController, ReplaysController],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_GUARD, useClass: KeyThrottlerGuard },
    StreamCommandExecutor,
    PolicyRepository,
    RatingDelivery,
    RatingRedelivery,
    EmployeeHistory,
    WorkforceRecords,
    ReplayHistoryCache,
    Replays,
    ...CommandHandlers,
    ...QueryHandlers,
  ],
})
export class AppModule {}
