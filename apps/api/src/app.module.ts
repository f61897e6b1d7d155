import { Module } from '@nestjs/common';
import { ConfigModule, EventStoreModule, HealthModule } from '@pm/platform';

@Module({
  imports: [ConfigModule, EventStoreModule, HealthModule],
})
export class AppModule {}
