import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditReadScope, AuditService } from '@app/audit';
import {
  AppError,
  Group,
  GroupMembership,
  Partner,
  type PartnerStatus,
  Tenant,
  type TenantStatus,
  User,
  type UserStatus,
  inTransaction,
} from '@app/core';
import {
  Brackets,
  type DataSource,
  In,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';
import { auditActorOf, auditCallerExtra, auditEntryBy, auditOriginOf } from '../auth/audit-actor';
import type { Caller } from '../auth/caller';
import { IdentityMirrorService, type MirrorContext } from '../mirror/identity-mirror.service';
import { AccessService } from '../rbac/access.service';
import {
  groupStateOf,
  partnerStateOf,
  tenantStateOf,
  userStateOf,
} from '../mirror/scaikey-records';
import { ScaiKeyClient } from '../scaikey/scaikey.client';
import type {
  ScaiKeyGroupType,
  ScaiKeyUpdateTenant,
  ScaiKeyUpdateUser,
} from '../scaikey/scaikey.types';
import { type AdminFlags, adminFlagsOf, TenantReach } from './tenant-reach';

/** 1-based page of 1–100 items. */
export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
}

export interface IdentityPage<T> {
  readonly data: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** ceil(total / pageSize); 0 when nothing matches. */
  readonly totalPages: number;
}

export interface PartnerFilter {
  readonly status?: PartnerStatus;
  /** Part of the name or slug, or the ScaiKey id. */
  readonly search?: string;
}

export interface TenantFilter {
  /** Local or ScaiKey partner id. */
  readonly partnerId?: string;
  readonly status?: TenantStatus;
  readonly search?: string;
}

export interface UserFilter {
  /** Local or ScaiKey tenant id. */
  readonly tenantId?: string;
  readonly status?: UserStatus;
  readonly assigned?: boolean;
  /** Part of the e-mail or display name, or the ScaiKey id. */
  readonly search?: string;
}

export interface GroupFilter {
  readonly tenantId?: string;
  readonly search?: string;
}

export interface TenantDetail {
  readonly tenant: Tenant & { partner?: Partner | null };
  readonly userCount: number;
  readonly activeUserCount: number;
  readonly groupCount: number;
}

export interface GroupMemberDetail {
  readonly type: 'user' | 'group';
  readonly member: User | Group;
}

export interface NewUser {
  /** Local or ScaiKey tenant id; the caller's own tenant when absent. */
  readonly tenantId?: string;
  readonly email: string;
  readonly displayName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** The first password; without one ScaiKey e-mails an invitation (unless `sendInvite` is false). */
  readonly password?: string;
  readonly sendInvite?: boolean;
}

/** A user to invite: ScaiKey creates them and e-mails the invitation; they choose a password. */
export type InvitedUser = Omit<NewUser, 'password' | 'sendInvite'>;

/** A user as the admin endpoints show them: the mirrored row, its tenant, and its standing. */
export type AdminUser = User & { tenant?: Tenant } & AdminFlags;

export interface NewTenant {
  /** The ScaiKey tenant (`tnt_…`): it must exist there. */
  readonly scaikeyTenantId: string;
  readonly name: string;
  readonly slug: string;
  /** Local or ScaiKey partner id; must be the tenant's partner in ScaiKey. Default: that one. */
  readonly partnerId?: string;
  readonly settings?: Record<string, unknown> | null;
}

/** Name, slug and status are changed in ScaiKey (which owns them); settings are ScaiDNS's own. */
export interface TenantPatch extends ScaiKeyUpdateTenant {
  readonly settings?: Record<string, unknown> | null;
}

export interface NewGroup {
  /** Local or ScaiKey tenant id; the caller's own tenant when absent. */
  readonly tenantId?: string;
  readonly name: string;
  readonly description?: string;
  readonly groupType?: ScaiKeyGroupType;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `{id}` for a local UUID, `{scaikeyId}` for anything else (ScaiKey ids: `usr_…`, `tnt_…`). */
function byRef(ref: string): { id: string } | { scaikeyId: string } {
  return UUID.test(ref) ? { id: ref.toLowerCase() } : { scaikeyId: ref };
}

function likeOf(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

async function paged<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  page: PageRequest,
): Promise<IdentityPage<T>> {
  const [data, total] = await qb
    .skip((page.page - 1) * page.pageSize)
    .take(page.pageSize)
    .getManyAndCount();
  return {
    data,
    total,
    page: page.page,
    pageSize: page.pageSize,
    totalPages: Math.ceil(total / page.pageSize),
  };
}

/**
 * The admin's view of the identity cache (partners, tenants, users, groups), and the changes admins
 * make: made in ScaiKey first (it owns identities), then mirrored here at once, audited as the
 * admin, rather than waiting for ScaiKey's webhook (which then finds nothing to change). Partners
 * and tenants are for platform admins; users and groups take a `TenantReach` first (platform admins
 * reach every tenant, tenant admins their own), and anything outside it is 404.
 */
@Injectable()
export class IdentityAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scaikey: ScaiKeyClient,
    private readonly mirror: IdentityMirrorService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Whose audit entries `/admin/audit-logs` shows: every tenant's to a caller who reaches them all;
   * else the tenant named (local id; 404 outside the reach) or the caller's own.
   */
  async auditScope(reach: TenantReach, tenantId?: string): Promise<AuditReadScope> {
    if (reach.everyTenant) return AuditReadScope.platform();
    if (tenantId === undefined || tenantId === reach.ownTenantId) {
      return AuditReadScope.tenant(reach.ownTenantId);
    }
    return AuditReadScope.tenant((await this.targetTenant(reach, tenantId)).id);
  }

  // --- partners and tenants -----------------------------------------------------------------------

  async listPartners(filter: PartnerFilter, page: PageRequest): Promise<IdentityPage<Partner>> {
    const qb = this.dataSource
      .getRepository(Partner)
      .createQueryBuilder('p')
      .orderBy('p.name')
      .addOrderBy('p.id');
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    if (filter.search) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('p.name LIKE :like', { like: likeOf(filter.search ?? '') })
            .orWhere('p.slug LIKE :like')
            .orWhere('p.scaikey_id = :exact', { exact: filter.search }),
        ),
      );
    }
    return paged(qb, page);
  }

  /** By local id or ScaiKey id (`prt_…`). */
  async getPartner(ref: string): Promise<Partner> {
    const partner = await this.dataSource.getRepository(Partner).findOneBy(byRef(ref));
    if (!partner) throw AppError.notFound(`Partner ${ref}`);
    return partner;
  }

  async listTenants(filter: TenantFilter, page: PageRequest): Promise<IdentityPage<Tenant>> {
    const qb = this.dataSource
      .getRepository(Tenant)
      .createQueryBuilder('t')
      .leftJoinAndSelect('t.partner', 'partner')
      .orderBy('t.name')
      .addOrderBy('t.id');
    if (filter.partnerId) {
      const ref = byRef(filter.partnerId);
      if ('id' in ref) qb.andWhere('t.partner_id = :pid', { pid: ref.id });
      else qb.andWhere('partner.scaikey_id = :psid', { psid: ref.scaikeyId });
    }
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter.search) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('t.name LIKE :like', { like: likeOf(filter.search ?? '') })
            .orWhere('t.slug LIKE :like')
            .orWhere('t.scaikey_id = :exact', { exact: filter.search }),
        ),
      );
    }
    return paged(qb, page);
  }

  async getTenant(ref: string): Promise<TenantDetail> {
    const tenant = await this.dataSource
      .getRepository(Tenant)
      .findOne({ where: byRef(ref), relations: { partner: true } });
    if (!tenant) throw AppError.notFound(`Tenant ${ref}`);
    const users = this.dataSource.getRepository(User);
    const [userCount, activeUserCount, groupCount] = await Promise.all([
      users.countBy({ tenantId: tenant.id }),
      users.countBy({ tenantId: tenant.id, status: 'active' }),
      this.dataSource.getRepository(Group).countBy({ tenantId: tenant.id }),
    ]);
    return { tenant, userCount, activeUserCount, groupCount };
  }

  /**
   * Registers a ScaiKey tenant with ScaiDNS before any of its users signs in or the next sync runs
   * (so admins can set up roles for it), with the name, slug and settings given. ScaiKey must know
   * the tenant (404) and the partner given must be its partner there (400); 409 when the tenant is
   * known already or the slug is another tenant's. ScaiKey stays the owner of name and slug: its
   * next word about the tenant (webhook, sync) wins.
   */
  async addTenant(caller: Caller, input: NewTenant): Promise<TenantDetail> {
    const id = input.scaikeyTenantId;
    const tenants = this.dataSource.getRepository(Tenant);
    const known = () => AppError.conflict(`Tenant ${id} is already known to ScaiDNS`);
    if (await tenants.existsBy({ scaikeyId: id })) throw known();
    const record = await this.scaikey.getTenant(id);
    const partnerRecord = await this.scaikey.getPartner(record.partner_id);
    if (input.partnerId !== undefined && input.partnerId !== partnerRecord.id) {
      const local = await this.dataSource.getRepository(Partner).findOneBy(byRef(input.partnerId));
      if (local?.scaikeyId !== partnerRecord.id) {
        throw AppError.badRequest(
          `partner_id ${input.partnerId} is not the partner of ${id} in ScaiKey (${partnerRecord.id})`,
        );
      }
    }
    // Run again when a racing add (or a sign-in, a webhook) inserted the partner or the tenant
    // first: then the partner is updated in place, and a tenant that is there is this call's 409.
    await inTransaction(
      this.dataSource,
      async (manager) => {
        if (await manager.existsBy(Tenant, { scaikeyId: id })) throw known();
        if (await manager.existsBy(Tenant, { slug: input.slug })) {
          throw AppError.conflict(`Tenant slug ${input.slug} is taken`);
        }
        const ctx = this.context(caller, manager);
        await this.mirror.upsertPartner(ctx, partnerStateOf(partnerRecord));
        const partner = await manager.findOneByOrFail(Partner, { scaikeyId: partnerRecord.id });
        await this.mirror.upsertTenant(ctx, {
          ...tenantStateOf(record, partner.id),
          name: input.name,
          slug: input.slug,
          settings: input.settings ?? null,
        });
      },
      { retryOnDuplicate: true },
    );
    return this.getTenant(id);
  }

  /**
   * Changes a tenant: its name, slug and status in ScaiKey first (then mirrored; `suspended`
   * refuses its callers at once), its settings here. One audit entry for the whole change.
   */
  async updateTenant(caller: Caller, ref: string, patch: TenantPatch): Promise<TenantDetail> {
    const { tenant } = await this.getTenant(ref);
    const { settings, ...upstream } = patch;
    const changesUpstream = Object.values(upstream).some((v) => v !== undefined);
    const record = changesUpstream
      ? await this.scaikey.updateTenant(tenant.scaikeyId, upstream)
      : null;
    await inTransaction(this.dataSource, (manager) =>
      this.mirror.upsertTenant(this.context(caller, manager), {
        ...(record ? tenantStateOf(record, tenant.partnerId) : { stamp: null }),
        scaikeyId: tenant.scaikeyId,
        settings,
      }),
    );
    await this.access.invalidateAll();
    return this.getTenant(tenant.id);
  }

  // --- users --------------------------------------------------------------------------------------

  async listUsers(
    reach: TenantReach,
    filter: UserFilter,
    page: PageRequest,
  ): Promise<IdentityPage<AdminUser>> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.tenant', 'tenant')
      .orderBy('u.email')
      .addOrderBy('u.id');
    const tenantId = await this.listedTenant(reach, filter.tenantId);
    if (tenantId) qb.andWhere('u.tenant_id = :tid', { tid: tenantId });
    if (filter.status) qb.andWhere('u.status = :status', { status: filter.status });
    if (filter.assigned !== undefined)
      qb.andWhere('u.assigned = :assigned', { assigned: filter.assigned });
    if (filter.search) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('u.email LIKE :like', { like: likeOf(filter.search ?? '') })
            .orWhere('u.display_name LIKE :like')
            .orWhere('u.scaikey_id = :exact', { exact: filter.search }),
        ),
      );
    }
    const result = await paged(qb, page);
    return { ...result, data: await Promise.all(result.data.map((u) => this.withFlags(u))) };
  }

  /** By local id or ScaiKey id; a user outside the reach is 404. */
  async getUser(reach: TenantReach, ref: string): Promise<AdminUser> {
    return this.withFlags(await this.reachableUser(reach, ref));
  }

  /**
   * Creates the user in ScaiKey, with a password or else with an e-mailed invitation, then mirrors
   * them.
   */
  async createUser(caller: Caller, reach: TenantReach, input: NewUser): Promise<AdminUser> {
    const tenant = await this.targetTenant(reach, input.tenantId);
    const record = await this.scaikey.createUser({
      tenantId: tenant.scaikeyId,
      email: input.email,
      displayName: input.displayName,
      firstName: input.firstName,
      lastName: input.lastName,
      password: input.password,
      sendInvite: input.sendInvite ?? input.password === undefined,
    });
    return this.mirrorNewUser(caller, reach, record, tenant, {});
  }

  /** Has ScaiKey create the user and e-mail them an invitation, then mirrors them. */
  async inviteUser(caller: Caller, reach: TenantReach, input: InvitedUser): Promise<AdminUser> {
    const tenant = await this.targetTenant(reach, input.tenantId);
    const record = await this.scaikey.inviteUser({
      tenantId: tenant.scaikeyId,
      email: input.email,
      displayName: input.displayName,
      firstName: input.firstName,
      lastName: input.lastName,
    });
    return this.mirrorNewUser(caller, reach, record, tenant, { invited: true });
  }

  /** E-mails the user's invitation again (409 from ScaiKey once they accepted it); audited. */
  async resendInvite(caller: Caller, reach: TenantReach, ref: string): Promise<void> {
    const user = await this.reachableUser(reach, ref);
    await this.scaikey.resendInvite(user.scaikeyId);
    await this.recordUserAction(caller, user, 'identity.user.invite_resend');
  }

  /** Sets the user's password in ScaiKey; audited without the password. */
  async setPassword(
    caller: Caller,
    reach: TenantReach,
    ref: string,
    password: string,
  ): Promise<void> {
    const user = await this.reachableUser(reach, ref);
    await this.scaikey.setPassword(user.scaikeyId, password);
    await this.recordUserAction(caller, user, 'identity.user.password_set');
  }

  /** Changes the user in ScaiKey (names, e-mail, active/suspended), then mirrors the result. */
  async updateUser(
    caller: Caller,
    reach: TenantReach,
    ref: string,
    patch: ScaiKeyUpdateUser,
  ): Promise<AdminUser> {
    const user = await this.reachableUser(reach, ref);
    const record = await this.scaikey.updateUser(user.scaikeyId, patch);
    await inTransaction(this.dataSource, (manager) =>
      this.mirror.upsertUser(
        this.context(caller, manager),
        userStateOf(record, user.tenantId, undefined),
      ),
    );
    // A suspended user must be refused at once, not when a cached caller expires (CallerCache).
    await this.access.invalidateAll();
    return this.getUser(reach, user.id);
  }

  /** Deletes the user in ScaiKey (softly: ScaiKey keeps the record); here they become inactive. */
  async disableUser(caller: Caller, reach: TenantReach, ref: string): Promise<AdminUser> {
    const user = await this.reachableUser(reach, ref);
    await this.scaikey.disableUser(user.scaikeyId);
    await inTransaction(this.dataSource, (manager) =>
      this.mirror.upsertUser(this.context(caller, manager), {
        scaikeyId: user.scaikeyId,
        tenantId: user.tenantId,
        scaikeyStatus: 'deleted',
        stamp: null,
      }),
    );
    await this.access.invalidateAll();
    return this.getUser(reach, user.id);
  }

  private async reachableUser(reach: TenantReach, ref: string): Promise<User & { tenant: Tenant }> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: byRef(ref), relations: { tenant: true } });
    if (!user?.tenant || !reach.reaches(user.tenant)) throw AppError.notFound(`User ${ref}`);
    return user as User & { tenant: Tenant };
  }

  private async withFlags(user: User & { tenant?: Tenant }): Promise<AdminUser> {
    const access = await this.access.accessOfUser(user.id);
    const tenant = { id: user.tenantId, partnerId: user.tenant?.partnerId ?? null };
    return Object.assign(user, adminFlagsOf(access, tenant));
  }

  private async mirrorNewUser(
    caller: Caller,
    reach: TenantReach,
    record: Parameters<typeof userStateOf>[0],
    tenant: Tenant,
    extra: Record<string, unknown>,
  ): Promise<AdminUser> {
    // An upsert: a sign-in or webhook that mirrored the new user first makes this an update.
    await inTransaction(
      this.dataSource,
      (manager) => {
        const ctx = this.context(caller, manager);
        return this.mirror.upsertUser(
          { ...ctx, extra: { ...ctx.extra, ...extra } },
          userStateOf(record, tenant.id, true),
        );
      },
      { retryOnDuplicate: true },
    );
    return this.getUser(reach, record.id);
  }

  private async recordUserAction(caller: Caller, user: User, action: string): Promise<void> {
    await inTransaction(this.dataSource, (manager) =>
      this.audit.record(
        manager,
        auditEntryBy(caller, {
          tenantId: user.tenantId,
          action,
          resourceType: 'user',
          resourceId: user.id,
          resourceName: user.email,
          before: null,
          after: null,
          extra: { scaikey_id: user.scaikeyId },
        }),
      ),
    );
  }

  /**
   * The tenant a list is narrowed to: the one named (404 outside the reach), else none for a caller
   * who reaches every tenant, else the caller's own.
   */
  private async listedTenant(reach: TenantReach, ref: string | undefined): Promise<string | null> {
    if (ref !== undefined) return (await this.targetTenant(reach, ref)).id;
    return reach.everyTenant ? null : reach.ownTenantId;
  }

  /** The tenant named (local or ScaiKey id), or the caller's own; 404 outside the reach. */
  private async targetTenant(reach: TenantReach, ref: string | undefined): Promise<Tenant> {
    const tenant = await this.dataSource
      .getRepository(Tenant)
      .findOneBy(ref === undefined ? { id: reach.ownTenantId } : byRef(ref));
    if (!tenant || !reach.reaches(tenant)) throw AppError.notFound(`Tenant ${ref ?? ''}`.trim());
    return tenant;
  }

  // --- groups -------------------------------------------------------------------------------------

  async listGroups(
    reach: TenantReach,
    filter: GroupFilter,
    page: PageRequest,
  ): Promise<IdentityPage<Group & { memberCount: number }>> {
    const qb = this.dataSource
      .getRepository(Group)
      .createQueryBuilder('g')
      .leftJoinAndSelect('g.tenant', 'tenant')
      .orderBy('g.name')
      .addOrderBy('g.id');
    const tenantId = await this.listedTenant(reach, filter.tenantId);
    if (tenantId) qb.andWhere('g.tenant_id = :tid', { tid: tenantId });
    if (filter.search) {
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('g.name LIKE :like', { like: likeOf(filter.search ?? '') })
            .orWhere('g.scaikey_id = :exact', { exact: filter.search }),
        ),
      );
    }
    const result = await paged(qb, page);
    const counts = await this.memberCounts(result.data.map((g) => g.id));
    return {
      ...result,
      data: result.data.map((g) => Object.assign(g, { memberCount: counts.get(g.id) ?? 0 })),
    };
  }

  /** A group with its direct members (users and nested groups); outside the reach it is 404. */
  async getGroup(
    reach: TenantReach,
    ref: string,
  ): Promise<{ group: Group; members: GroupMemberDetail[] }> {
    const group = await this.dataSource
      .getRepository(Group)
      .findOne({ where: byRef(ref), relations: { tenant: true } });
    if (!group?.tenant || !reach.reaches(group.tenant)) throw AppError.notFound(`Group ${ref}`);
    const rows = await this.dataSource.getRepository(GroupMembership).findBy({ groupId: group.id });
    const ids = (type: 'user' | 'group') =>
      rows.filter((r) => r.memberType === type).map((r) => r.memberId);
    const [users, groups] = await Promise.all([
      this.dataSource.getRepository(User).findBy({ id: In(ids('user')) }),
      this.dataSource.getRepository(Group).findBy({ id: In(ids('group')) }),
    ]);
    const members: GroupMemberDetail[] = [
      ...groups.map((member) => ({ type: 'group' as const, member })),
      ...users.map((member) => ({ type: 'user' as const, member })),
    ];
    return { group, members };
  }

  /** Creates the group in ScaiKey (in the caller's tenant unless another is named), then mirrors it. */
  async createGroup(
    caller: Caller,
    reach: TenantReach,
    input: NewGroup,
  ): Promise<{ group: Group; members: GroupMemberDetail[] }> {
    const tenant = await this.targetTenant(reach, input.tenantId);
    const record = await this.scaikey.createGroup({
      tenantId: tenant.scaikeyId,
      name: input.name,
      description: input.description,
      groupType: input.groupType,
    });
    await inTransaction(
      this.dataSource,
      (manager) =>
        this.mirror.upsertGroup(this.context(caller, manager), groupStateOf(record, tenant.id)),
      { retryOnDuplicate: true },
    );
    await this.access.invalidateAll();
    return this.getGroup(reach, record.id);
  }

  private async memberCounts(groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(GroupMembership)
      .createQueryBuilder('m')
      .select('m.group_id', 'groupId')
      .addSelect('COUNT(*)', 'count')
      .where('m.group_id IN (:...groupIds)', { groupIds })
      .groupBy('m.group_id')
      .getRawMany<{ groupId: string; count: string | number }>();
    return new Map(rows.map((r) => [r.groupId, Number(r.count)]));
  }

  private context(caller: Caller, manager: MirrorContext['manager']): MirrorContext {
    return {
      manager,
      actor: auditActorOf(caller),
      origin: auditOriginOf(caller),
      extra: auditCallerExtra(caller),
    };
  }
}
