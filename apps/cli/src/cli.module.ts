import { Module } from '@nestjs/common';
import { ConfigModule, EventStoreModule } from '@pm/platform';
import { ExportCommand } from './export.command';
import { VerifyCommand } from './verify.command';

@Module({
  imports: [ConfigModule, EventStoreModule],
  providers: [ExportCommand, VerifyCommand],
})
export class CliModule {}
