import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ApiKeyGuard } from './api-key.guard';
import { API_KEY_REGISTRY, loadApiKeys } from './api-keys';
import { AUTH_FAILURE_LIMITER, AuthFailureLimiter } from './auth-failures';
import { Authenticator } from './authenticator';

@Global()
@Module({
  providers: [
    {
      provide: API_KEY_REGISTRY,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadApiKeys(config.apiKeys, config.dataDir, (text) => process.stdout.write(`${text}\n`)),
    },
    { provide: AUTH_FAILURE_LIMITER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new AuthFailureLimiter(config.authFailuresPerMinute) },
    Authenticator,
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
  exports: [API_KEY_REGISTRY, AUTH_FAILURE_LIMITER, Authenticator],
})
export class AuthModule {}
