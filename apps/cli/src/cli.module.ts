import { Module } from '@nestjs/common';
import { ConfigModule, EventStoreModule } from '@pm/platform';
import { ExportCommand } from './export.command';

@Module({
  imports: [ConfigModule, EventStoreModule],
  providers: [ExportCommand],
})
export class CliModule {}
