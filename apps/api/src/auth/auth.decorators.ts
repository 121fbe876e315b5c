import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { Caller, PrincipalAccess, ZoneAccess } from '@app/identity';
import type { Request } from 'express';

export const IS_PUBLIC = Symbol('IS_PUBLIC');
export const REQUIRED_PERMISSION = Symbol('REQUIRED_PERMISSION');
export const JWT_ONLY = Symbol('JWT_ONLY');

/**
 * Where a route's permission is checked:
 * - `tenant` (default): the caller's own tenant;
 * - `platform`: only platform-scope roles count (admin routes);
 * - `{ domainParam }`: the domain named by that route parameter; a domain the caller may not see
 *   (another tenant's, soft-deleted unless `includeDeleted`, missing) answers 404 before the
 *   permission is checked.
 * - `{ domainBody }`: the same, for the domain named by that field of the JSON body (a missing or
 *   malformed one is the 422 the body's validation would give).
 */
export type PermissionScope =
  | 'tenant'
  | 'platform'
  | { readonly domainParam: string; readonly includeDeleted?: boolean }
  | { readonly domainBody: string; readonly includeDeleted?: boolean };

export interface RequiredPermission {
  readonly permission: string;
  readonly scope: PermissionScope;
}

/** Opts a route out of authentication (health, auth config, webhooks). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Declares the permission a route needs; also documents the route's security in OpenAPI. */
export const RequirePermission = (
  permission: string,
  scope: PermissionScope = 'tenant',
): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, { permission, scope } satisfies RequiredPermission),
    ApiBearerAuth('bearer'),
    ApiSecurity('api_key'),
  );

/** Routes an API key may not call (managing API keys): JWT callers only. */
export const JwtOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(JWT_ONLY, true), ApiBearerAuth('bearer'));

export type RequestWithCaller = Request & {
  caller?: Caller;
  zone?: ZoneAccess;
  access?: PrincipalAccess;
};

/** The authenticated caller; fails loudly if the auth guard did not run for this route. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Caller => {
    const caller = ctx.switchToHttp().getRequest<RequestWithCaller>().caller;
    if (!caller)
      throw new Error('CurrentCaller used on a route the auth guard did not authenticate');
    return caller;
  },
);

/**
 * The caller's access to the zone a `{ domainParam }` route is about, resolved (and made visible) by
 * the auth guard: what the route's service method takes first.
 */
export const TargetZone = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): ZoneAccess => {
    const zone = ctx.switchToHttp().getRequest<RequestWithCaller>().zone;
    if (!zone) throw new Error('TargetZone used on a route without a domain-scoped permission');
    return zone;
  },
);

/**
 * The caller's access (roles, grants, key scopes) as the auth guard resolved it to check the
 * route's @RequirePermission: what a service that decides per tenant (`TenantReach`) takes.
 */
export const CallerAccess = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): PrincipalAccess => {
    const access = ctx.switchToHttp().getRequest<RequestWithCaller>().access;
    if (!access) throw new Error('CallerAccess used on a route without @RequirePermission');
    return access;
  },
);
