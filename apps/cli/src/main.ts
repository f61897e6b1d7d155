import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

function fail(error: Error): never {
  console.error(error.message);
  process.exit(1);
}

async function main(): Promise<void> {
  await CommandFactory.run(CliModule, { logger: ['error', 'warn'], errorHandler: fail, serviceErrorHandler: fail });
}

main().catch(fail);
