import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
import { auditActorOf, auditCallerExtra, auditOriginOf } from '../auth/audit-actor';
import type { Caller } from '../auth/caller';
import { IdentityMirrorService, type MirrorContext } from '../mirror/identity-mirror.service';
import { AccessService } from '../rbac/access.service';
import { partnerStateOf, tenantStateOf, userStateOf } from '../mirror/scaikey-records';
import { ScaiKeyClient } from '../scaikey/scaikey.client';
import type { ScaiKeyUpdateUser } from '../scaikey/scaikey.types';

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
  /** Local or ScaiKey tenant id. */
  readonly tenantId: string;
  readonly email: string;
  readonly displayName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly sendInvite?: boolean;
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
 * The platform admin's view of the identity cache (partners, tenants, users, groups), and the user
 * changes admins make: made in ScaiKey first (it owns users), then mirrored here at once, audited as
 * the admin, rather than waiting for ScaiKey's webhook (which then finds nothing to change).
 */
@Injectable()
export class IdentityAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scaikey: ScaiKeyClient,
    private readonly mirror: IdentityMirrorService,
    private readonly access: AccessService,
  ) {}

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
   * Starts mirroring a ScaiKey tenant (and its partner) before any of its users signs in or the next
   * sync runs, so admins can set up roles for it. 409 when it is mirrored already.
   */
  async addTenant(caller: Caller, scaikeyTenantId: string): Promise<TenantDetail> {
    const tenants = this.dataSource.getRepository(Tenant);
    if (await tenants.existsBy({ scaikeyId: scaikeyTenantId })) {
      throw AppError.conflict(`Tenant ${scaikeyTenantId} is already known to ScaiDNS`);
    }
    const record = await this.scaikey.getTenant(scaikeyTenantId);
    const partnerRecord = await this.scaikey.getPartner(record.partner_id);
    // Run again when a racing add (or a sign-in, a webhook) inserted the partner or the tenant
    // first: then the partner is updated in place, and a tenant that is there is this call's 409.
    await inTransaction(
      this.dataSource,
      async (manager) => {
        if (await manager.existsBy(Tenant, { scaikeyId: scaikeyTenantId })) {
          throw AppError.conflict(`Tenant ${scaikeyTenantId} is already known to ScaiDNS`);
        }
        const ctx = this.context(caller, manager);
        await this.mirror.upsertPartner(ctx, partnerStateOf(partnerRecord));
        const partner = await manager.findOneByOrFail(Partner, { scaikeyId: partnerRecord.id });
        await this.mirror.upsertTenant(ctx, tenantStateOf(record, partner.id));
      },
      { retryOnDuplicate: true },
    );
    return this.getTenant(scaikeyTenantId);
  }

  // --- users --------------------------------------------------------------------------------------

  async listUsers(filter: UserFilter, page: PageRequest): Promise<IdentityPage<User>> {
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.tenant', 'tenant')
      .orderBy('u.email')
      .addOrderBy('u.id');
    if (filter.tenantId) {
      const ref = byRef(filter.tenantId);
      if ('id' in ref) qb.andWhere('u.tenant_id = :tid', { tid: ref.id });
      else qb.andWhere('tenant.scaikey_id = :tsid', { tsid: ref.scaikeyId });
    }
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
    return paged(qb, page);
  }

  /** By local id or ScaiKey id. */
  async getUser(ref: string): Promise<User> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: byRef(ref), relations: { tenant: true } });
    if (!user) throw AppError.notFound(`User ${ref}`);
    return user;
  }

  /** Creates the user in ScaiKey (optionally e-mailing an invitation), then mirrors them. */
  async createUser(caller: Caller, input: NewUser): Promise<User> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy(byRef(input.tenantId));
    if (!tenant) throw AppError.notFound(`Tenant ${input.tenantId}`);
    const record = await this.scaikey.createUser({
      tenantId: tenant.scaikeyId,
      email: input.email,
      displayName: input.displayName,
      firstName: input.firstName,
      lastName: input.lastName,
      sendInvite: input.sendInvite,
    });
    // An upsert: a sign-in or webhook that mirrored the new user first makes this an update.
    await inTransaction(
      this.dataSource,
      (manager) =>
        this.mirror.upsertUser(this.context(caller, manager), userStateOf(record, tenant.id, true)),
      { retryOnDuplicate: true },
    );
    return this.getUser(record.id);
  }

  /** Changes the user in ScaiKey (names, e-mail, active/suspended), then mirrors the result. */
  async updateUser(caller: Caller, ref: string, patch: ScaiKeyUpdateUser): Promise<User> {
    const user = await this.getUser(ref);
    const record = await this.scaikey.updateUser(user.scaikeyId, patch);
    await inTransaction(this.dataSource, (manager) =>
      this.mirror.upsertUser(
        this.context(caller, manager),
        userStateOf(record, user.tenantId, undefined),
      ),
    );
    // A suspended user must be refused at once, not when a cached caller expires (CallerCache).
    await this.access.invalidateAll();
    return this.getUser(user.id);
  }

  /** Deletes the user in ScaiKey (softly: ScaiKey keeps the record); here they become inactive. */
  async disableUser(caller: Caller, ref: string): Promise<User> {
    const user = await this.getUser(ref);
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
    return this.getUser(user.id);
  }

  // --- groups -------------------------------------------------------------------------------------

  async listGroups(
    filter: GroupFilter,
    page: PageRequest,
  ): Promise<IdentityPage<Group & { memberCount: number }>> {
    const qb = this.dataSource
      .getRepository(Group)
      .createQueryBuilder('g')
      .leftJoinAndSelect('g.tenant', 'tenant')
      .orderBy('g.name')
      .addOrderBy('g.id');
    if (filter.tenantId) {
      const ref = byRef(filter.tenantId);
      if ('id' in ref) qb.andWhere('g.tenant_id = :tid', { tid: ref.id });
      else qb.andWhere('tenant.scaikey_id = :tsid', { tsid: ref.scaikeyId });
    }
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

  /** A group with its direct members (users and nested groups). */
  async getGroup(ref: string): Promise<{ group: Group; members: GroupMemberDetail[] }> {
    const group = await this.dataSource
      .getRepository(Group)
      .findOne({ where: byRef(ref), relations: { tenant: true } });
    if (!group) throw AppError.notFound(`Group ${ref}`);
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
