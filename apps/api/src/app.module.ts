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
import { AdminModule } from './projections-admin/admin.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { CommandsModule } from './common/commands.module';
import { HeavyJobsModule } from './common/heavy-job';
import { ComplianceModule } from './compliance/compliance.module';
import { EmployeesModule } from './employees/employees.module';
import { FeedModule } from './feed/feed.module';
import { MetricsModule } from './metrics/metrics.module';
import { PayModule } from './pay/pay.module';
import { PoliciesModule } from './policies/policies.module';
import { ReplaysModule } from './replays/replays.module';
import { ReviewCyclesModule } from './review-cycles/review-cycles.module';
import { requestLogging } from './request-logging';
import { KeyThrottlerGuard, throttlerOptions } from './throttling';

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
    ReadModelsModule.forRoot({ follow: (config) => config.readModels.runner === 'inline' }),
    CommandsModule,
    HeavyJobsModule,
    EmployeesModule,
    ReviewCyclesModule,
    PoliciesModule,
    ComplianceModule,
    AnalyticsModule,
    ReplaysModule,
    FeedModule,
    AdminModule,
    PayModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_GUARD, useClass: KeyThrottlerGuard },
  ],
})
export class AppModule {}
