import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ROLE_RULE, type RoleRule } from '@pm/platform';

export interface DeclaredRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Nest style: /v1/employees/:employeeId */
  path: string;
  rule: RoleRule | undefined;
}

/** Every route the app's controllers declare, with its role rule, read from Nest's metadata. */
export function declaredRoutes(app: NestFastifyApplication): DeclaredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = app.get(Reflector);
  return discovery.getControllers().flatMap((wrapper) => {
    const instance = wrapper.instance as object;
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
      const handler = (instance as Record<string, unknown>)[name] as object;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) return [];
      const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((p) => p && p !== '/').join('/');
      const rule = reflector.getAllAndOverride<RoleRule | undefined>(ROLE_RULE, [handler as never, wrapper.metatype as never]);
      return [{ method: RequestMethod[method] as DeclaredRoute['method'], path: `/${path.replace(/^\/+/, '')}`, rule }];
    });
  });
}
