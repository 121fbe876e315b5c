import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AuditActor, AuditService } from '@app/audit';
import {
  AppError,
  Domain,
  Group,
  Partner,
  type PrincipalType,
  Role,
  RoleAssignment,
  type RoleScopeType,
  SYSTEM_ROLE_IDS,
  Tenant,
  User,
  isDuplicateKeyError,
  inTransaction,
} from '@app/core';
import { type DataSource, type EntityManager } from 'typeorm';
import { auditActorOf, auditCallerExtra, auditOriginOf } from '../auth/audit-actor';
import type { Caller } from '../auth/caller';
import { effectivePermissions, isAllowed } from '../rbac/access-decision';
import { AccessService } from '../rbac/access.service';
import type { AccessTarget } from '../rbac/access.types';
import { isSubsetOf } from '../rbac/permissions';
import { RoleService } from './role.service';

export interface AssignmentInput {
  readonly role: string;
  readonly principalType: PrincipalType;
  readonly principalId: string;
  readonly scopeType: RoleScopeType;
  readonly scopeId?: string | null;
  readonly expiresAt?: Date | null;
}

export interface AssignmentFilter {
  readonly principalType?: PrincipalType;
  readonly principalId?: string;
  readonly roleId?: string;
}

function view(a: RoleAssignment, roleName: string): Record<string, unknown> {
  return {
    role: roleName,
    principal_type: a.principalType,
    principal_id: a.principalId,
    scope_type: a.scopeType,
    scope_id: a.scopeId,
    expires_at: a.expiresAt?.toISOString() ?? null,
  };
}

/**
 * Who holds which role where. Assigning needs `roles:assign` at the target scope, and the role's
 * permissions must be ones the assigner holds there (no one hands out more than they have).
 */
@Injectable()
export class RoleAssignmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly roles: RoleService,
  ) {}

  async list(
    caller: Caller,
    filter: AssignmentFilter,
  ): Promise<(RoleAssignment & { role: Role })[]> {
    const qb = this.dataSource
      .getRepository(RoleAssignment)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.role', 'role')
      .where('a.tenant_id = :tenantId', { tenantId: caller.tenantId });
    if (filter.principalType) qb.andWhere('a.principal_type = :pt', { pt: filter.principalType });
    if (filter.principalId) qb.andWhere('a.principal_id = :pid', { pid: filter.principalId });
    if (filter.roleId) qb.andWhere('a.role_id = :rid', { rid: filter.roleId });
    return (await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id')
      .getMany()) as (RoleAssignment & {
      role: Role;
    })[];
  }

  async create(caller: Caller, input: AssignmentInput): Promise<RoleAssignment & { role: Role }> {
    const saved = await inTransaction(this.dataSource, async (manager) => {
      const role = await this.roles.find(caller, input.role, manager);
      const principal = await this.principalOf(
        manager,
        caller,
        input.principalType,
        input.principalId,
      );
      // A tenant's custom role only ever counts inside that tenant (AccessService ignores it elsewhere).
      if (role.tenantId !== null && role.tenantId !== principal.tenantId) {
        throw new AppError('BAD_REQUEST', {
          message: `${role.name} is a custom role of another tenant than the ${input.principalType}'s`,
          field: 'role',
        });
      }
      const { scopeId, target } = await this.resolveScope(
        manager,
        principal.tenant,
        input.scopeType,
        input.scopeId ?? null,
      );
      await this.assertMayAssign(caller, role, target);
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
        throw new AppError('BAD_REQUEST', {
          message: 'expires_at must be in the future',
          field: 'expires_at',
        });
      }
      const row = manager.create(RoleAssignment, {
        roleId: role.id,
        principalType: input.principalType,
        principalId: input.principalId,
        scopeType: input.scopeType,
        scopeId,
        tenantId: principal.tenantId,
        createdBy: caller.userId,
        expiresAt: input.expiresAt ?? null,
      });
      let result: RoleAssignment;
      try {
        result = await manager.save(row);
      } catch (error) {
        if (isDuplicateKeyError(error))
          throw AppError.conflict('This role is already assigned at this scope');
        throw error;
      }
      await this.record(
        manager,
        principal.tenantId,
        auditActorOf(caller),
        caller,
        'role.assign',
        result,
        role,
        undefined,
      );
      return Object.assign(result, { role });
    });
    await this.access.invalidateAll();
    return saved;
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const assignment = await manager.findOne(RoleAssignment, {
        where: { id },
        relations: { role: true, tenant: true },
      });
      if (!assignment?.role || !assignment.tenant) throw AppError.notFound('Role assignment');
      await this.assertReaches(caller, assignment.tenant, () =>
        AppError.notFound('Role assignment'),
      );
      const { target } = await this.resolveScope(
        manager,
        assignment.tenant,
        assignment.scopeType,
        assignment.scopeId,
        false,
      );
      await this.assertMayAssign(caller, assignment.role, target);
      await manager.delete(RoleAssignment, { id: assignment.id });
      await this.record(
        manager,
        assignment.tenantId,
        auditActorOf(caller),
        caller,
        'role.revoke',
        assignment,
        assignment.role,
        true,
      );
    });
    await this.access.invalidateAll();
  }

  /** `scaidns assign-admin`: platform_admin at platform scope, audited as the system. */
  async assignPlatformAdmin(user: User): Promise<{ created: boolean }> {
    const created = await inTransaction(this.dataSource, async (manager) => {
      const role = await manager.findOneByOrFail(Role, { id: SYSTEM_ROLE_IDS.platform_admin });
      const existing = await manager.findOne(RoleAssignment, {
        where: {
          roleId: role.id,
          principalType: 'user',
          principalId: user.id,
          scopeType: 'platform',
        },
      });
      if (existing) return false;
      const row = await manager.save(
        manager.create(RoleAssignment, {
          roleId: role.id,
          principalType: 'user',
          principalId: user.id,
          scopeType: 'platform',
          scopeId: null,
          tenantId: user.tenantId,
          createdBy: null,
          expiresAt: null,
        }),
      );
      await this.record(
        manager,
        user.tenantId,
        { type: 'system', id: 'scaidns-cli', email: null },
        null,
        'role.assign',
        row,
        role,
        undefined,
      );
      return true;
    });
    await this.access.invalidateAll();
    return { created };
  }

  private async assertMayAssign(caller: Caller, role: Role, target: AccessTarget): Promise<void> {
    const access = await this.access.accessFor(caller);
    const now = new Date();
    if (!isAllowed(access, 'roles:assign', target, now)) {
      throw new AppError('FORBIDDEN', 'Permission roles:assign is required at this scope');
    }
    if (!isSubsetOf(role.permissions, effectivePermissions(access, target, now))) {
      throw new AppError(
        'FORBIDDEN',
        `You can't assign ${role.name}: it holds permissions you don't`,
      );
    }
  }

  /**
   * The user or group to assign to, with its tenant. The caller's own tenant is always searched;
   * another tenant's principal only when the caller holds `roles:assign` on that tenant (a platform
   * admin, or a partner admin for the partner's tenants). Anyone else gets 404, as if it did not
   * exist.
   */
  private async principalOf(
    manager: EntityManager,
    caller: Caller,
    type: PrincipalType,
    id: string,
  ): Promise<{ tenantId: string; tenant: Tenant }> {
    const options = { where: { id }, relations: { tenant: true } };
    const found =
      type === 'user'
        ? await manager.findOne(User, options)
        : await manager.findOne(Group, options);
    const missing = () => AppError.notFound(type === 'user' ? 'User' : 'Group');
    if (!found?.tenant) throw missing();
    await this.assertReaches(caller, found.tenant, missing);
    return { tenantId: found.tenantId, tenant: found.tenant };
  }

  /** The caller's own tenant, or one where they hold `roles:assign`; else `notFound()`. */
  private async assertReaches(
    caller: Caller,
    tenant: Tenant,
    notFound: () => AppError,
  ): Promise<void> {
    if (tenant.id === caller.tenantId) return;
    const access = await this.access.accessFor(caller);
    const target = { tenantId: tenant.id, partnerId: tenant.partnerId };
    if (!isAllowed(access, 'roles:assign', target, new Date())) throw notFound();
  }

  /** The scope's target; a tenant scope without an id is the principal's own tenant. */
  private async resolveScope(
    manager: EntityManager,
    principalTenant: Tenant,
    scopeType: RoleScopeType,
    scopeId: string | null,
    strict = true,
  ): Promise<{ scopeId: string | null; target: AccessTarget }> {
    switch (scopeType) {
      case 'platform':
        if (strict && scopeId) throw AppError.badRequest('Platform scope takes no scope_id');
        return { scopeId: null, target: {} };
      case 'partner': {
        const partner = scopeId ? await manager.findOne(Partner, { where: { id: scopeId } }) : null;
        if (!partner) throw AppError.notFound('Partner');
        return { scopeId: partner.id, target: { partnerId: partner.id } };
      }
      case 'tenant': {
        const id = scopeId ?? principalTenant.id;
        const tenant = await manager.findOne(Tenant, { where: { id } });
        if (!tenant) throw AppError.notFound('Tenant');
        return { scopeId: tenant.id, target: { tenantId: tenant.id, partnerId: tenant.partnerId } };
      }
      case 'domain': {
        const domain = scopeId
          ? await manager.findOne(Domain, { where: { id: scopeId }, relations: { tenant: true } })
          : null;
        if (!domain || domain.status === 'deleted') throw AppError.notFound('Domain');
        return {
          scopeId: domain.id,
          target: {
            tenantId: domain.tenantId,
            partnerId: domain.tenant?.partnerId ?? null,
            domainId: domain.id,
          },
        };
      }
    }
  }

  private async record(
    manager: EntityManager,
    tenantId: string | null,
    actor: AuditActor,
    caller: Caller | null,
    action: string,
    assignment: RoleAssignment,
    role: Role,
    removed: true | undefined,
  ): Promise<void> {
    const state = view(assignment, role.name);
    await this.audit.record(manager, {
      tenantId,
      actor,
      origin: caller ? auditOriginOf(caller) : undefined,
      action,
      resourceType: 'role_assignment',
      resourceId: assignment.id,
      resourceName: role.name,
      before: removed ? state : undefined,
      after: removed ? undefined : state,
      extra: caller ? auditCallerExtra(caller) : {},
    });
  }
}
