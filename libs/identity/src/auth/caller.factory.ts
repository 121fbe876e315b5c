import { Injectable } from '@nestjs/common';
import { AppError, type Tenant, type User } from '@app/core';
import { AccessService } from '../rbac/access.service';
import type { Caller, CallerApiKey } from './caller';
import { IdentityDirectoryService } from './identity-directory.service';
import type { ScaiKeyClaims } from './jwt-verifier';

/** Where a request came from. */
export interface RequestOrigin {
  readonly ip: string;
  readonly userAgent: string | null;
  readonly requestId: string | null;
}

function asList(value: string[] | string | undefined, separator = ' '): string[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string');
  if (typeof value === 'string') return value.split(separator).filter(Boolean);
  return [];
}

/** Refuses callers whose user or tenant ScaiKey has switched off. */
export function assertActive(user: User, tenant: Tenant): void {
  if (user.status !== 'active') throw new AppError('UNAUTHENTICATED', 'User is not active');
  if (tenant.status !== 'active') throw new AppError('FORBIDDEN', 'Tenant is suspended');
}

/** Turns verified credentials into the request's Caller. */
@Injectable()
export class CallerFactory {
  constructor(
    private readonly directory: IdentityDirectoryService,
    private readonly access: AccessService,
  ) {}

  async fromClaims(claims: ScaiKeyClaims, origin: RequestOrigin): Promise<Caller> {
    if (!claims.tenant_id) throw new AppError('UNAUTHENTICATED', 'Token has no tenant_id claim');
    if (!claims.email) throw new AppError('UNAUTHENTICATED', 'Token has no email claim');
    const { user, tenant } = await this.directory.resolve({
      scaikeyUserId: claims.sub,
      email: claims.email.toLowerCase(),
      displayName: claims.name ?? null,
      scaikeyTenantId: claims.tenant_id,
      tenantSlug: claims.tenant_slug ?? null,
      tenantName: claims.tenant_name ?? null,
      scaikeyPartnerId: claims.partner_id ?? null,
    });
    assertActive(user, tenant);
    const roles = [...new Set([...asList(claims.roles), ...asList(claims.role)])];
    const scopes = [...asList(claims.scope), ...asList(claims.scopes)];
    await this.directory.rememberTokenRoles(
      user,
      {
        roles,
        issuedAt: typeof claims.iat === 'number' ? Math.round(claims.iat * 1_000_000) : null,
      },
      origin,
    );
    return this.build(user, tenant, origin, {
      scaikeyRoles: roles,
      tokenScopes: [...new Set(scopes)],
      apiKey: null,
    });
  }

  async forUser(
    user: User,
    tenant: Tenant,
    origin: RequestOrigin,
    apiKey: CallerApiKey | null,
  ): Promise<Caller> {
    assertActive(user, tenant);
    return this.build(user, tenant, origin, { scaikeyRoles: [], tokenScopes: [], apiKey });
  }

  private async build(
    user: User,
    tenant: Tenant,
    origin: RequestOrigin,
    extra: Pick<Caller, 'scaikeyRoles' | 'tokenScopes' | 'apiKey'>,
  ): Promise<Caller> {
    return {
      kind: extra.apiKey ? 'api_key' : 'user',
      userId: user.id,
      scaikeyUserId: user.scaikeyId,
      email: user.email,
      tenantId: tenant.id,
      scaikeyTenantId: tenant.scaikeyId,
      partnerId: tenant.partnerId,
      groupIds: await this.access.cachedGroupClosure(user.id),
      ...extra,
      ip: origin.ip,
      userAgent: origin.userAgent,
      requestId: origin.requestId,
    };
  }
}
