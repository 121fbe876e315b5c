import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Domain } from '@app/core';
import { AccessService, type Caller, effectivePermissions, isAllowed } from '@app/identity';
import type { Repository } from 'typeorm';
import type { MeContextDto, MeDto, PermissionCheckDto } from './me.dto';

/** Describes callers to themselves: who they are and what they may do. */
@Injectable()
export class MeService {
  constructor(
    private readonly access: AccessService,
    @InjectRepository(Domain) private readonly domains: Repository<Domain>,
  ) {}

  async describe(caller: Caller): Promise<MeDto> {
    const access = await this.access.accessFor(caller);
    const now = new Date();
    return {
      id: caller.userId,
      scaikey_id: caller.scaikeyUserId,
      email: caller.email,
      tenant: { id: caller.tenantId, scaikey_id: caller.scaikeyTenantId },
      partner_id: caller.partnerId,
      group_ids: [...caller.groupIds],
      roles: access.roles
        .filter((r) => r.expiresAt === null || r.expiresAt > now)
        .map((r) => ({
          role: r.roleName,
          scope_type: r.scopeType,
          scope_id: r.scopeId,
          expires_at: r.expiresAt?.toISOString() ?? null,
        })),
      permissions: [
        ...effectivePermissions(
          access,
          { tenantId: caller.tenantId, partnerId: caller.partnerId },
          now,
        ),
      ].sort(),
      auth: {
        kind: caller.kind,
        api_key_id: caller.apiKey?.id ?? null,
        api_key_scopes: caller.apiKey?.scopes ? [...caller.apiKey.scopes] : null,
      },
    };
  }

  async context(caller: Caller): Promise<MeContextDto> {
    const access = await this.access.accessFor(caller);
    return {
      ...(await this.describe(caller)),
      platform_permissions: [...effectivePermissions(access, {}, new Date())].sort(),
      scaikey_roles: [...caller.scaikeyRoles],
      token_scopes: [...caller.tokenScopes],
    };
  }

  /** Whether the caller may do `permission`, on a domain (and record) if named; never leaks existence. */
  async check(caller: Caller, query: PermissionCheckDto): Promise<boolean> {
    const access = await this.access.accessFor(caller);
    const now = new Date();
    if (!query.domain_id) {
      return isAllowed(
        access,
        query.permission,
        { tenantId: caller.tenantId, partnerId: caller.partnerId },
        now,
      );
    }
    const domain = await this.domains.findOne({
      where: { id: query.domain_id },
      relations: { tenant: true },
    });
    if (!domain || domain.status === 'deleted') return false;
    const target = {
      tenantId: domain.tenantId,
      partnerId: domain.tenant?.partnerId ?? null,
      domainId: domain.id,
      recordName: query.record_name ?? null,
      recordType: query.record_type ?? null,
    };
    return isAllowed(access, query.permission, target, now);
  }
}
