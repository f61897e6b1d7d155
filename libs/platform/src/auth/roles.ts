import { SetMetadata } from '@nestjs/common';

export const ROLES = ['hr', 'compliance', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_RULE = 'roleRule';
export type RoleRule = { public: true } | { roles: readonly Role[] };

/** Which roles may call this route. Every route declares this or @Public(); the guard refuses otherwise. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLE_RULE, { roles } satisfies RoleRule);

/** Callable without a key (health, metrics, the API description). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROLE_RULE, { public: true } satisfies RoleRule);

/** The authenticated caller. `keyId` names the key without revealing it. */
export interface Principal {
  role: Role;
  keyId: string;
}
