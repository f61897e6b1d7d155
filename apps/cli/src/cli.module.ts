import { Module } from '@nestjs/common';
import { ConfigModule, EventStoreModule, PersonalDataModule, ReadModelsModule, WriteSideModule } from '@pm/platform';
import { ExportCommand } from './export.command';
import { ProjectCommand } from './project.command';
import { RebuildCommand } from './rebuild.command';
import { ReplayCommand } from './replay.command';
import { SimulateCommand } from './simulate.command';
import { VerifyCommand } from './verify.command';

@Module({
  imports: [ConfigModule, EventStoreModule, PersonalDataModule, ReadModelsModule.forRoot({ follow: () => false }), WriteSideModule],
  providers: [ExportCommand, VerifyCommand, RebuildCommand, ProjectCommand, SimulateCommand, ReplayCommand],
})
export class CliModule {}
