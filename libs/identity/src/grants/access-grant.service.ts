import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AccessGrant,
  AppError,
  Domain,
  Group,
  type PrincipalType,
  RECORD_TYPES,
  type Role,
  User,
  inTransaction,
} from '@app/core';
import { type DataSource, type EntityManager, IsNull, MoreThan } from 'typeorm';
import { auditEntryBy } from '../auth/audit-actor';
import type { Caller } from '../auth/caller';
import { AccessService } from '../rbac/access.service';
import { isSubsetOf } from '../rbac/permissions';
import type { ZoneAccess } from '../rbac/zone-access';
import { recordPatternProblem } from '../rbac/record-pattern';
import { RoleService } from '../roles/role.service';

export interface GrantInput {
  readonly granteeType: PrincipalType;
  readonly granteeId: string;
  readonly role: string;
  readonly recordPattern?: string | null;
  readonly recordTypes?: readonly string[] | null;
  readonly expiresAt?: Date | null;
  readonly notes?: string | null;
}

export type GrantUpdate = Partial<Omit<GrantInput, 'granteeType' | 'granteeId'>>;

export type GrantWithRole = AccessGrant & { role: Role };

function view(grant: AccessGrant, roleName: string): Record<string, unknown> {
  return {
    grantee_type: grant.granteeType,
    grantee_id: grant.granteeId,
    role: roleName,
    record_pattern: grant.recordPattern,
    record_types: grant.recordTypes,
    expires_at: grant.expiresAt?.toISOString() ?? null,
    notes: grant.notes,
  };
}

function normalizeTypes(types: readonly string[] | null | undefined): string[] | null {
  if (types === undefined || types === null || types.length === 0) return null;
  const upper = [...new Set(types.map((t) => t.trim().toUpperCase()))];
  const bad = upper.filter((t) => !(RECORD_TYPES as readonly string[]).includes(t));
  if (bad.length > 0) {
    throw new AppError('BAD_REQUEST', {
      message: `Unknown record type(s): ${bad.join(', ')}`,
      field: 'record_types',
    });
  }
  return upper;
}

function normalizePattern(pattern: string | null | undefined): string | null {
  if (pattern === undefined || pattern === null || pattern.trim() === '') return null;
  const problem = recordPatternProblem(pattern.trim());
  if (problem) throw new AppError('BAD_REQUEST', { message: problem, field: 'record_pattern' });
  return pattern.trim().toLowerCase();
}

/**
 * Access grants: a role's permissions on one domain for a user or group, optionally only for records
 * matching a name pattern and types, optionally until a date. Reading needs `access_grants:read` on
 * the domain, granting `access_grants:manage` there (neither comes from a grant fenced to some
 * records) and only permissions the granter holds there.
 */
@Injectable()
export class AccessGrantService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly roles: RoleService,
  ) {}

  async list(zone: ZoneAccess, includeExpired: boolean): Promise<GrantWithRole[]> {
    zone.assert('access_grants:read');
    const { domain } = zone;
    return (await this.dataSource.getRepository(AccessGrant).find({
      where: includeExpired
        ? { domainId: domain.id }
        : [
            { domainId: domain.id, expiresAt: IsNull() },
            { domainId: domain.id, expiresAt: MoreThan(new Date()) },
          ],
      relations: { role: true },
      order: { createdAt: 'DESC', id: 'ASC' },
    })) as GrantWithRole[];
  }

  async get(zone: ZoneAccess, grantId: string): Promise<GrantWithRole> {
    zone.assert('access_grants:read');
    return this.find(this.dataSource.manager, zone.domain, grantId);
  }

  async create(zone: ZoneAccess, input: GrantInput): Promise<GrantWithRole> {
    const { domain } = zone;
    const caller = this.granter(zone);
    const recordPattern = normalizePattern(input.recordPattern);
    const recordTypes = normalizeTypes(input.recordTypes);
    this.assertFuture(input.expiresAt);
    const saved = await inTransaction(
      this.dataSource,
      async (manager) => {
        const role = await this.roles.find(caller, input.role, manager);
        await this.assertGranteeInTenant(manager, domain, input.granteeType, input.granteeId);
        this.assertMayGrant(zone, role);
        await this.assertNotGranted(manager, domain, {
          granteeType: input.granteeType,
          granteeId: input.granteeId,
          roleId: role.id,
          recordPattern,
          recordTypes,
        });
        const grant = await manager.save(
          manager.create(AccessGrant, {
            tenantId: domain.tenantId,
            domainId: domain.id,
            granteeType: input.granteeType,
            granteeId: input.granteeId,
            roleId: role.id,
            recordPattern,
            recordTypes,
            expiresAt: input.expiresAt ?? null,
            notes: input.notes ?? null,
            createdBy: caller.userId,
          }),
        );
        await this.record(
          manager,
          caller,
          domain,
          'access_grant.create',
          grant,
          undefined,
          view(grant, role.name),
        );
        return Object.assign(grant, { role });
      },
      // Reads after the domain's lock must see the grant a racing create committed meanwhile.
      { isolation: 'READ COMMITTED' },
    );
    await this.access.invalidateAll();
    return saved;
  }

  async update(zone: ZoneAccess, grantId: string, input: GrantUpdate): Promise<GrantWithRole> {
    const { domain } = zone;
    const caller = this.granter(zone);
    const recordPattern =
      input.recordPattern === undefined ? undefined : normalizePattern(input.recordPattern);
    const recordTypes =
      input.recordTypes === undefined ? undefined : normalizeTypes(input.recordTypes);
    if (input.expiresAt) this.assertFuture(input.expiresAt);
    const saved = await inTransaction(this.dataSource, async (manager) => {
      const grant = await this.find(manager, domain, grantId, true);
      const before = view(grant, grant.role.name);
      let role = grant.role;
      if (input.role !== undefined) {
        role = await this.roles.find(caller, input.role, manager);
        this.assertMayGrant(zone, role);
        grant.roleId = role.id;
      }
      if (recordPattern !== undefined) grant.recordPattern = recordPattern;
      if (recordTypes !== undefined) grant.recordTypes = recordTypes;
      if (input.expiresAt !== undefined) grant.expiresAt = input.expiresAt;
      if (input.notes !== undefined) grant.notes = input.notes;
      const { role: _old, ...columns } = grant;
      const result = await manager.save(AccessGrant, columns);
      await this.record(
        manager,
        caller,
        domain,
        'access_grant.update',
        grant,
        before,
        view(result, role.name),
      );
      return Object.assign(result, { role });
    });
    await this.access.invalidateAll();
    return saved;
  }

  async delete(zone: ZoneAccess, grantId: string): Promise<void> {
    const { domain } = zone;
    const caller = this.granter(zone);
    await inTransaction(this.dataSource, async (manager) => {
      const grant = await this.find(manager, domain, grantId, true);
      await manager.delete(AccessGrant, { id: grant.id });
      await this.record(
        manager,
        caller,
        domain,
        'access_grant.delete',
        grant,
        view(grant, grant.role.name),
        undefined,
      );
    });
    await this.access.invalidateAll();
  }

  private async find(
    manager: EntityManager,
    domain: Domain,
    grantId: string,
    lock = false,
  ): Promise<GrantWithRole> {
    const grant = await manager.findOne(AccessGrant, {
      where: { id: grantId, domainId: domain.id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      relations: { role: true },
    });
    if (!grant?.role) throw AppError.notFound('Access grant');
    return grant as GrantWithRole;
  }

  /**
   * A live grant that says exactly the same (grantee, role, pattern, types) is a 409, not a second
   * row. The domain's row is locked first, so of identical grants made at once one is created and
   * the others (reading under READ COMMITTED) find it.
   */
  private async assertNotGranted(
    manager: EntityManager,
    domain: Domain,
    wanted: Pick<
      AccessGrant,
      'granteeType' | 'granteeId' | 'roleId' | 'recordPattern' | 'recordTypes'
    >,
  ): Promise<void> {
    await manager.findOne(Domain, {
      select: { id: true },
      where: { id: domain.id },
      lock: { mode: 'pessimistic_write' },
    });
    const live = await manager.find(AccessGrant, {
      where: [
        { ...this.sameGrantee(domain, wanted), expiresAt: IsNull() },
        { ...this.sameGrantee(domain, wanted), expiresAt: MoreThan(new Date()) },
      ],
    });
    const types = (t: readonly string[] | null) => JSON.stringify(t ? [...t].sort() : null);
    const same = live.some(
      (g) =>
        g.recordPattern === wanted.recordPattern &&
        types(g.recordTypes) === types(wanted.recordTypes),
    );
    if (same) throw AppError.conflict('This access grant already exists');
  }

  private sameGrantee(
    domain: Domain,
    wanted: Pick<AccessGrant, 'granteeType' | 'granteeId' | 'roleId'>,
  ): Pick<AccessGrant, 'domainId' | 'granteeType' | 'granteeId' | 'roleId'> {
    return {
      domainId: domain.id,
      granteeType: wanted.granteeType,
      granteeId: wanted.granteeId,
      roleId: wanted.roleId,
    };
  }

  private async assertGranteeInTenant(
    manager: EntityManager,
    domain: Domain,
    type: PrincipalType,
    id: string,
  ): Promise<void> {
    const found =
      type === 'user'
        ? await manager.findOne(User, { where: { id, tenantId: domain.tenantId } })
        : await manager.findOne(Group, { where: { id, tenantId: domain.tenantId } });
    if (!found) throw AppError.notFound(type === 'user' ? 'User' : 'Group');
  }

  /** Grants are made by a person (their roles decide what they may grant), never by the platform. */
  private granter(zone: ZoneAccess): Caller {
    zone.assert('access_grants:manage');
    if (!zone.caller) throw new Error('access grants are managed by a caller');
    return zone.caller;
  }

  private assertMayGrant(zone: ZoneAccess, role: Role): void {
    if (!isSubsetOf(role.permissions, zone.permissions())) {
      throw new AppError(
        'FORBIDDEN',
        `You can't grant ${role.name}: it holds permissions you don't`,
      );
    }
  }

  private assertFuture(expiresAt: Date | null | undefined): void {
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new AppError('BAD_REQUEST', {
        message: 'expires_at must be in the future',
        field: 'expires_at',
      });
    }
  }

  private async record(
    manager: EntityManager,
    caller: Caller,
    domain: Domain,
    action: string,
    grant: AccessGrant,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.record(
      manager,
      auditEntryBy(caller, {
        tenantId: domain.tenantId,
        action,
        resourceType: 'access_grant',
        resourceId: grant.id,
        resourceName: domain.name,
        before,
        after,
        extra: { domain_id: domain.id },
      }),
    );
  }
}
