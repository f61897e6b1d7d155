import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

async function main(): Promise<void> {
  await CommandFactory.run(CliModule, { logger: ['error', 'warn'], errorHandler: (error) => {
    console.error(error.message);
    process.exit(1);
  } });
}

void main();
