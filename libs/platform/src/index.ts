export * from './config/app-config';
export { ConfigModule } from './config/config.module';
export { EventStoreModule } from './event-store/event-store.module';
export { HealthModule } from './health/health.module';
