import { Global, Inject, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { WriteSide } from '@pm/commands';
import { KEY_STORE, WriteSideModule, type KeyStore } from '@pm/platform';
import { REQUEST_KEY } from './command-context';
import { CommandAnswerInterceptor } from './command-answer.interceptor';
import { CommandGateway } from './command-gateway';

/** The write side as the API uses it: the command library, its per-stream queue, the answer interceptor. */
@Global()
@Module({
  imports: [WriteSideModule],
  providers: [CommandGateway, CommandAnswerInterceptor],
  exports: [CommandGateway, CommandAnswerInterceptor, WriteSideModule],
})
export class CommandsModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly writeSide: WriteSide,
    private readonly http: HttpAdapterHost,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
  ) {}

  /** Loads the key request digests are kept under (not an employee id, so never erased as one). */
  async onModuleInit(): Promise<void> {
    const key = await this.keys.keyFor('~request-digests');
    Object.assign(this.http.httpAdapter.getInstance(), { [REQUEST_KEY]: key });
  }

  /** Ships the default policies as version 1 where they were never published (safe on every start). */
  onApplicationBootstrap(): Promise<void> {
    return this.writeSide.publishShippedPolicies();
  }
}
