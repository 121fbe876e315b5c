import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  AccessGrant,
  AppError,
  Role,
  RoleAssignment,
  isDuplicateKeyError,
  inTransaction,
} from '@app/core';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { auditActorOf, auditCallerExtra, auditOriginOf } from '../auth/audit-actor';
import type { Caller } from '../auth/caller';
import { effectivePermissions } from '../rbac/access-decision';
import { AccessService } from '../rbac/access.service';
import { isKnownPermission, isSubsetOf } from '../rbac/permissions';

export interface RoleInput {
  readonly name: string;
  readonly displayName?: string | null;
  readonly description?: string | null;
  readonly permissions: readonly string[];
}

export function roleAuditView(role: Role): Record<string, unknown> {
  return {
    name: role.name,
    display_name: role.displayName,
    description: role.description,
    permissions: role.permissions,
    is_system: role.isSystem,
  };
}

/**
 * Roles: the system roles (read-only, everyone sees them) and each tenant's custom roles. A custom
 * role may only hold permissions its creator holds in the tenant, so no one mints more than they have.
 */
@Injectable()
export class RoleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async list(caller: Caller): Promise<Role[]> {
    return this.dataSource.getRepository(Role).find({
      where: [{ tenantId: IsNull() }, { tenantId: caller.tenantId }],
      order: { isSystem: 'DESC', name: 'ASC' },
    });
  }

  /** A system role or one of the caller's tenant's roles, by id or by name; else 404. */
  async find(
    caller: Caller,
    idOrName: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Role> {
    const byId = /^[0-9a-f-]{36}$/i.test(idOrName);
    const key = byId ? { id: idOrName } : { name: idOrName };
    const roles = await manager.find(Role, {
      where: [
        { ...key, tenantId: IsNull() },
        { ...key, tenantId: caller.tenantId },
      ],
    });
    // A tenant's own role of the same name wins over nothing; system names are reserved anyway.
    const role = roles.find((r) => r.tenantId === caller.tenantId) ?? roles[0];
    if (!role) throw AppError.notFound('Role');
    return role;
  }

  async create(caller: Caller, input: RoleInput): Promise<Role> {
    await this.assertGrantable(caller, input.permissions);
    const role = await inTransaction(this.dataSource, async (manager) => {
      await this.assertNameFree(manager, caller, input.name, null);
      const row = manager.create(Role, {
        tenantId: caller.tenantId,
        name: input.name,
        displayName: input.displayName ?? null,
        description: input.description ?? null,
        isSystem: false,
        permissions: [...new Set(input.permissions)],
        createdBy: caller.userId,
      });
      let saved: Role;
      try {
        saved = await manager.save(row);
      } catch (error) {
        if (isDuplicateKeyError(error))
          throw AppError.conflict(`A role named ${input.name} already exists`);
        throw error;
      }
      await this.record(manager, caller, 'role.create', saved, undefined, roleAuditView(saved));
      return saved;
    });
    return role;
  }

  async update(caller: Caller, id: string, input: Partial<RoleInput>): Promise<Role> {
    if (input.permissions) await this.assertGrantable(caller, input.permissions);
    const saved = await inTransaction(this.dataSource, async (manager) => {
      const role = await this.findCustom(manager, caller, id);
      const before = roleAuditView(role);
      if (input.name !== undefined && input.name !== role.name) {
        await this.assertNameFree(manager, caller, input.name, role.id);
        role.name = input.name;
      }
      if (input.displayName !== undefined) role.displayName = input.displayName;
      if (input.description !== undefined) role.description = input.description;
      if (input.permissions !== undefined) role.permissions = [...new Set(input.permissions)];
      const result = await manager.save(role);
      await this.record(manager, caller, 'role.update', result, before, roleAuditView(result));
      return result;
    });
    await this.access.invalidateAll();
    return saved;
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const role = await this.findCustom(manager, caller, id);
      const inUse =
        (await manager.count(RoleAssignment, { where: { roleId: role.id } })) +
        (await manager.count(AccessGrant, { where: { roleId: role.id } }));
      if (inUse > 0) {
        throw AppError.conflict(
          `Role ${role.name} is still assigned or granted ${inUse} time(s); remove those first`,
        );
      }
      await manager.delete(Role, { id: role.id });
      await this.record(manager, caller, 'role.delete', role, roleAuditView(role), undefined);
    });
    await this.access.invalidateAll();
  }

  /** Permissions must exist and be held by the caller in their tenant. */
  async assertGrantable(caller: Caller, permissions: readonly string[]): Promise<void> {
    const unknown = permissions.filter((p) => !isKnownPermission(p));
    if (unknown.length > 0) {
      throw new AppError('BAD_REQUEST', {
        message: `Unknown permission(s): ${unknown.join(', ')}`,
        field: 'permissions',
      });
    }
    const held = effectivePermissions(
      await this.access.accessFor(caller),
      { tenantId: caller.tenantId, partnerId: caller.partnerId },
      new Date(),
    );
    if (!isSubsetOf(permissions, held)) {
      throw new AppError('FORBIDDEN', 'A role can only hold permissions you hold yourself');
    }
  }

  private async findCustom(manager: EntityManager, caller: Caller, id: string): Promise<Role> {
    const role = await this.find(caller, id, manager);
    if (role.isSystem || role.tenantId === null) {
      throw new AppError('FORBIDDEN', 'System roles cannot be changed');
    }
    return role;
  }

  private async assertNameFree(
    manager: EntityManager,
    caller: Caller,
    name: string,
    exceptId: string | null,
  ): Promise<void> {
    const clash = await manager.findOne(Role, {
      where: [
        { name, tenantId: IsNull() },
        { name, tenantId: caller.tenantId },
      ],
    });
    if (clash && clash.id !== exceptId) {
      throw AppError.conflict(
        clash.tenantId === null
          ? `${name} is a system role name`
          : `A role named ${name} already exists`,
      );
    }
  }

  private async record(
    manager: EntityManager,
    caller: Caller,
    action: string,
    role: Role,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.record(manager, {
      tenantId: caller.tenantId,
      actor: auditActorOf(caller),
      origin: auditOriginOf(caller),
      action,
      resourceType: 'role',
      resourceId: role.id,
      resourceName: role.name,
      before,
      after,
      extra: auditCallerExtra(caller),
    });
  }
}
