import { Injectable } from '@nestjs/common';
import { type AuditActor, type AuditOrigin, AuditService } from '@app/audit';
import {
  AccessGrant,
  type EpochMicros,
  Group,
  GroupMembership,
  type GroupMemberType,
  Partner,
  type PartnerStatus,
  RoleAssignment,
  type ScaiKeyUserStatus,
  Tenant,
  type TenantStatus,
  User,
} from '@app/core';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { scaikeyAdminRoles } from '../rbac/implied-roles';
import {
  type ClaimedRoles,
  isNewer,
  isStale,
  scaikeyRolesUpdate,
  userStatusFor,
} from './mirror-rules';

/** What one mirror write did; `stale`: the state given is older than what is mirrored. */
export type MirrorOutcome = 'created' | 'updated' | 'deactivated' | 'unchanged' | 'stale';

/** The transaction a batch of mirror writes runs in, and whom to audit them as. */
export interface MirrorContext {
  readonly manager: EntityManager;
  readonly actor: AuditActor;
  /** Where an admin's change came from (HTTP requests only). */
  readonly origin?: AuditOrigin;
  /** Added to every audit entry's details (a webhook's event id and type). */
  readonly extra?: Record<string, unknown>;
}

/** ScaiKey state to mirror; an absent field is left as it is (webhooks may carry part of a record). */
export interface PartnerState {
  readonly scaikeyId: string;
  readonly name?: string;
  readonly slug?: string | null;
  readonly status?: PartnerStatus;
  /** ScaiKey's `updated_at` of this state (or the event's time). */
  readonly stamp: EpochMicros | null;
}

export interface TenantState {
  readonly scaikeyId: string;
  /** Local partner id. */
  readonly partnerId?: string | null;
  readonly name?: string;
  readonly slug?: string | null;
  readonly status?: TenantStatus;
  /** ScaiDNS's own settings of the tenant (admins set them; ScaiKey never sends any). */
  readonly settings?: Record<string, unknown> | null;
  readonly stamp: EpochMicros | null;
}

export interface UserState {
  readonly scaikeyId: string;
  /** Local tenant id (needed to create). */
  readonly tenantId: string;
  readonly email?: string;
  readonly displayName?: string | null;
  readonly scaikeyStatus?: ScaiKeyUserStatus;
  readonly assigned?: boolean;
  /** ScaiKey's roles of the user (admin roles are kept; see `User.scaikeyRoles`). */
  readonly scaikeyRoles?: readonly string[];
  readonly stamp: EpochMicros | null;
}

export interface GroupState {
  readonly scaikeyId: string;
  readonly tenantId: string;
  readonly name?: string;
  readonly description?: string | null;
  readonly stamp: EpochMicros | null;
}

interface Row {
  id: string;
  scaikeyUpdatedUs: EpochMicros | null;
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  // JSON columns (a tenant's settings) are equal when they serialize alike.
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return a === b;
}

/** The fields of `wanted` whose values differ from `row` (undefined = leave alone). */
function changedFields(row: Row, wanted: Record<string, unknown>): Record<string, unknown> {
  const current = row as unknown as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(wanted)) {
    if (value !== undefined && !same(current[field], value)) changes[field] = value;
  }
  return changes;
}

function partnerView(p: Partner): Record<string, unknown> {
  return { scaikey_id: p.scaikeyId, name: p.name, slug: p.slug, status: p.status };
}

function tenantView(t: Tenant): Record<string, unknown> {
  return {
    scaikey_id: t.scaikeyId,
    partner_id: t.partnerId,
    name: t.name,
    slug: t.slug,
    status: t.status,
    settings: t.settings ?? null,
  };
}

function userView(u: User): Record<string, unknown> {
  return {
    scaikey_id: u.scaikeyId,
    email: u.email,
    display_name: u.displayName,
    status: u.status,
    scaikey_status: u.scaikeyStatus,
    assigned: u.assigned,
    scaikey_roles: u.scaikeyRoles ?? [],
  };
}

function groupView(g: Group): Record<string, unknown> {
  return { scaikey_id: g.scaikeyId, name: g.name, description: g.description };
}

/**
 * Writes ScaiKey's partners, tenants, users, groups and memberships into the local cache: one
 * upsert per thing, keyed by ScaiKey id, each change audited (`identity.<kind>.<verb>`) in the
 * caller's transaction. Webhooks and `scaidns sync` both write through here, so they agree on what a
 * change is. State older than what is mirrored is refused (`stale`). Callers retire the RBAC cache
 * after committing membership or group changes.
 */
@Injectable()
export class IdentityMirrorService {
  constructor(private readonly audit: AuditService) {}

  async upsertPartner(ctx: MirrorContext, state: PartnerState): Promise<MirrorOutcome> {
    const found = await ctx.manager.findOne(Partner, { where: { scaikeyId: state.scaikeyId } });
    const wanted = { name: state.name, slug: state.slug, status: state.status };
    if (!found) {
      const row = ctx.manager.create(Partner, {
        scaikeyId: state.scaikeyId,
        name: required(state.name, 'name', `partner ${state.scaikeyId}`),
        slug: state.slug ?? null,
        status: state.status ?? 'active',
        scaikeyUpdatedUs: state.stamp,
      });
      await ctx.manager.save(row);
      await this.record(ctx, 'partner', 'create', null, row.id, row.name, null, partnerView(row));
      return 'created';
    }
    return this.update(
      ctx,
      Partner,
      found,
      wanted,
      state.stamp,
      {},
      {
        kind: 'partner',
        tenantId: () => null,
        name: (p) => p.name,
        view: partnerView,
        deactivated: (before, after) => before.status !== 'deleted' && after.status === 'deleted',
        deactivateVerb: 'delete',
      },
    );
  }

  async upsertTenant(ctx: MirrorContext, state: TenantState): Promise<MirrorOutcome> {
    const found = await ctx.manager.findOne(Tenant, { where: { scaikeyId: state.scaikeyId } });
    const wanted = {
      partnerId: state.partnerId,
      name: state.name,
      slug: state.slug,
      status: state.status,
      settings: state.settings,
    };
    if (!found) {
      const row = ctx.manager.create(Tenant, {
        scaikeyId: state.scaikeyId,
        partnerId: state.partnerId ?? null,
        name: required(state.name, 'name', `tenant ${state.scaikeyId}`),
        slug: state.slug ?? null,
        status: state.status ?? 'active',
        settings: state.settings ?? null,
        scaikeyUpdatedUs: state.stamp,
      });
      await ctx.manager.save(row);
      await this.record(ctx, 'tenant', 'create', row.id, row.id, row.name, null, tenantView(row));
      return 'created';
    }
    return this.update(
      ctx,
      Tenant,
      found,
      wanted,
      state.stamp,
      {},
      {
        kind: 'tenant',
        tenantId: (t) => t.id,
        name: (t) => t.name,
        view: tenantView,
        deactivated: (before, after) => before.status === 'active' && after.status !== 'active',
        deactivateVerb: 'suspend',
      },
    );
  }

  async upsertUser(ctx: MirrorContext, state: UserState): Promise<MirrorOutcome> {
    const found = await ctx.manager.findOne(User, { where: { scaikeyId: state.scaikeyId } });
    if (!found) {
      const scaikeyStatus = state.scaikeyStatus ?? 'active';
      const assigned = state.assigned ?? true;
      const row = ctx.manager.create(User, {
        scaikeyId: state.scaikeyId,
        tenantId: state.tenantId,
        email: required(state.email, 'email', `user ${state.scaikeyId}`).toLowerCase(),
        displayName: state.displayName ?? null,
        scaikeyStatus,
        assigned,
        status: userStatusFor(scaikeyStatus, assigned),
        lastLoginAt: null,
        scaikeyUpdatedUs: state.stamp,
        ...(state.scaikeyRoles === undefined
          ? {}
          : {
              scaikeyRoles: scaikeyAdminRoles(state.scaikeyRoles),
              scaikeyRolesUpdatedUs: state.stamp,
            }),
      });
      await ctx.manager.save(row);
      await this.record(
        ctx,
        'user',
        'create',
        row.tenantId,
        row.id,
        row.email,
        null,
        userView(row),
      );
      return 'created';
    }
    const scaikeyStatus = state.scaikeyStatus ?? found.scaikeyStatus;
    const assigned = state.assigned ?? found.assigned;
    // The roles have a stamp of their own (a sign-in's token may be newer than the record's stamp).
    const roles =
      state.scaikeyRoles === undefined
        ? null
        : scaikeyRolesUpdate(
            { roles: found.scaikeyRoles, stamp: found.scaikeyRolesUpdatedUs },
            { roles: state.scaikeyRoles, stamp: state.stamp },
          );
    const wanted = {
      email: state.email?.toLowerCase(),
      displayName: state.displayName,
      scaikeyStatus: state.scaikeyStatus,
      assigned: state.assigned,
      status: userStatusFor(scaikeyStatus, assigned),
      scaikeyRoles: roles?.changed ? roles.roles : undefined,
    };
    const bookkeeping =
      roles && roles.stamp !== found.scaikeyRolesUpdatedUs
        ? { scaikeyRolesUpdatedUs: roles.stamp }
        : {};
    return this.update(ctx, User, found, wanted, state.stamp, bookkeeping, {
      kind: 'user',
      tenantId: (u) => u.tenantId,
      name: (u) => u.email,
      view: userView,
      deactivated: (before, after) => before.status === 'active' && after.status !== 'active',
      deactivateVerb: 'deactivate',
    });
  }

  /**
   * Keeps the ScaiKey admin roles a sign-in's token claims (stamped with the token's `iat`, to the
   * second) with the user, as `scaikeyRolesUpdate` decides. Only the roles and their own stamp move:
   * a token says nothing else about the user's record. The row is locked, so two sign-ins at once
   * decide one after the other. True when something was written (then the caller retires the RBAC
   * cache after commit).
   */
  async setTokenRoles(ctx: MirrorContext, userId: string, claim: ClaimedRoles): Promise<boolean> {
    const found = await ctx.manager.findOne(User, {
      where: { id: userId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!found) return false;
    const update = scaikeyRolesUpdate(
      { roles: found.scaikeyRoles, stamp: found.scaikeyRolesUpdatedUs },
      claim,
    );
    if (!update?.changed) return false;
    const before = userView(found);
    await ctx.manager.update(User, found.id, {
      scaikeyRoles: update.roles,
      scaikeyRolesUpdatedUs: update.stamp,
    });
    found.scaikeyRoles = update.roles;
    found.scaikeyRolesUpdatedUs = update.stamp;
    await this.record(
      ctx,
      'user',
      'update',
      found.tenantId,
      found.id,
      found.email,
      before,
      userView(found),
    );
    return true;
  }

  async upsertGroup(ctx: MirrorContext, state: GroupState): Promise<MirrorOutcome> {
    const found = await ctx.manager.findOne(Group, { where: { scaikeyId: state.scaikeyId } });
    if (!found) {
      const row = ctx.manager.create(Group, {
        scaikeyId: state.scaikeyId,
        tenantId: state.tenantId,
        name: required(state.name, 'name', `group ${state.scaikeyId}`),
        description: state.description ?? null,
        scaikeyUpdatedUs: state.stamp,
      });
      await ctx.manager.save(row);
      await this.record(
        ctx,
        'group',
        'create',
        row.tenantId,
        row.id,
        row.name,
        null,
        groupView(row),
      );
      return 'created';
    }
    const wanted = { name: state.name, description: state.description };
    return this.update(
      ctx,
      Group,
      found,
      wanted,
      state.stamp,
      {},
      {
        kind: 'group',
        tenantId: (g) => g.tenantId,
        name: (g) => g.name,
        view: groupView,
        deactivated: () => false,
        deactivateVerb: 'update',
      },
    );
  }

  /**
   * Removes a group ScaiKey deleted: its memberships (both ways), and the role assignments and
   * access grants made to it, which would otherwise point at nothing.
   */
  async removeGroup(ctx: MirrorContext, group: Group): Promise<void> {
    const m = ctx.manager;
    const nested = await m.delete(GroupMembership, { memberType: 'group', memberId: group.id });
    const roles = await m.delete(RoleAssignment, { principalType: 'group', principalId: group.id });
    const grants = await m.delete(AccessGrant, { granteeType: 'group', granteeId: group.id });
    const members = await m.count(GroupMembership, { where: { groupId: group.id } });
    await m.delete(Group, { id: group.id });
    await this.record(
      ctx,
      'group',
      'delete',
      group.tenantId,
      group.id,
      group.name,
      groupView(group),
      null,
      {
        removed_memberships: members + (nested.affected ?? 0),
        removed_role_assignments: roles.affected ?? 0,
        removed_access_grants: grants.affected ?? 0,
      },
    );
  }

  /** Makes `member` a direct member of `group` (true) or not (false); false when nothing changed. */
  async setMembership(
    ctx: MirrorContext,
    group: Group,
    memberType: GroupMemberType,
    member: User | Group,
    present: boolean,
  ): Promise<boolean> {
    const where = { groupId: group.id, memberType, memberId: member.id };
    const found = await ctx.manager.findOne(GroupMembership, { where });
    if (present === (found !== null)) return false;
    if (present) await ctx.manager.save(ctx.manager.create(GroupMembership, where));
    else await ctx.manager.delete(GroupMembership, where);
    const view = {
      group_scaikey_id: group.scaikeyId,
      member_type: memberType,
      member_id: member.id,
      member_scaikey_id: member.scaikeyId,
    };
    await this.record(
      ctx,
      'membership',
      present ? 'add' : 'remove',
      group.tenantId,
      group.id,
      `${group.name} ∋ ${member instanceof User ? member.email : member.name}`,
      present ? null : view,
      present ? view : null,
      {},
      'group_membership',
    );
    return true;
  }

  private async update<T extends Row>(
    ctx: MirrorContext,
    entity: new () => T,
    found: T,
    wanted: Record<string, unknown>,
    stamp: EpochMicros | null,
    /** Fields to write along with any change that are not changes themselves (stamps). */
    bookkeeping: Record<string, unknown>,
    how: {
      kind: string;
      tenantId: (row: T) => string | null;
      name: (row: T) => string;
      view: (row: T) => Record<string, unknown>;
      deactivated: (before: T, after: T) => boolean;
      deactivateVerb: string;
    },
  ): Promise<MirrorOutcome> {
    if (isStale(stamp, found.scaikeyUpdatedUs)) return 'stale';
    const changes = changedFields(found, wanted);
    const restamp: Record<string, unknown> = {
      ...(isNewer(stamp, found.scaikeyUpdatedUs) ? { scaikeyUpdatedUs: stamp } : {}),
      ...bookkeeping,
    };
    if (Object.keys(changes).length === 0) {
      // Bookkeeping only (no mirrored field changed): not a change worth an audit entry.
      if (Object.keys(restamp).length > 0) {
        await ctx.manager.update(entity, found.id, restamp as QueryDeepPartialEntity<T>);
      }
      return 'unchanged';
    }
    const after = Object.assign(ctx.manager.create(entity), found, changes) as T;
    await ctx.manager.update(entity, found.id, {
      ...changes,
      ...restamp,
    } as QueryDeepPartialEntity<T>);
    const deactivated = how.deactivated(found, after);
    await this.record(
      ctx,
      how.kind,
      deactivated ? how.deactivateVerb : 'update',
      how.tenantId(after),
      after.id,
      how.name(after),
      how.view(found),
      how.view(after),
    );
    Object.assign(found, changes, restamp);
    return deactivated ? 'deactivated' : 'updated';
  }

  private async record(
    ctx: MirrorContext,
    kind: string,
    verb: string,
    tenantId: string | null,
    resourceId: string,
    resourceName: string,
    before: unknown,
    after: unknown,
    extra: Record<string, unknown> = {},
    resourceType: string = kind,
  ): Promise<void> {
    await this.audit.record(ctx.manager, {
      tenantId,
      actor: ctx.actor,
      origin: ctx.origin,
      action: `identity.${kind}.${verb}`,
      resourceType,
      resourceId,
      resourceName,
      before,
      after,
      extra: { ...ctx.extra, ...extra },
    });
  }
}

/** A field a new row cannot do without; callers fetch the full record when an event lacks it. */
function required<T>(value: T | undefined, field: string, what: string): T {
  if (value === undefined) throw new Error(`cannot create ${what} without its ${field}`);
  return value;
}
