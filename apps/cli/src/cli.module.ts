import { Module } from '@nestjs/common';
import { ConfigModule, EventStoreModule, ReadModelsModule } from '@pm/platform';
import { ExportCommand } from './export.command';
import { ProjectCommand } from './project.command';
import { RebuildCommand } from './rebuild.command';
import { VerifyCommand } from './verify.command';

@Module({
  imports: [ConfigModule, EventStoreModule, ReadModelsModule.forRoot({ follow: () => false })],
  providers: [ExportCommand, VerifyCommand, RebuildCommand, ProjectCommand],
})
export class CliModule {}
