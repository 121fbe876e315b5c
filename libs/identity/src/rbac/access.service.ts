import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { Brackets, In, type Repository } from 'typeorm';
import {
  AccessGrant,
  currentGeneration,
  type GenerationSource,
  errorMessage,
  GroupMembership,
  InjectRedis,
  ROLE_SCOPE_TYPES,
  RoleAssignment,
  User,
} from '@app/core';
import type { Caller } from '../auth/caller';
import { isAllowed } from './access-decision';
import type { AccessTarget, DomainGrant, PrincipalAccess, ScopedRole } from './access.types';
import { impliedRoles } from './implied-roles';

/** Whose roles and grants to load: a user and/or groups (the groups already closed over nesting). */
export interface AccessPrincipal {
  readonly userId?: string;
  readonly groupIds: readonly string[];
}

/** Redis key of the generation counter; every cache key embeds its current value. */
export const RBAC_GENERATION_KEY = 'rbac:gen';
const CACHE_KEY_PREFIX = 'rbac:v1';
/** Seconds a cached entry lives; `invalidateAll()` makes it unreachable at once anyway. */
export const ACCESS_CACHE_TTL_SECONDS = 60;
/** Entries a process also keeps in memory (keyed like Redis, generation included). */
const LOCAL_CACHE_ENTRIES = 10_000;

type Stored<T extends { expiresAt: Date | null }> = Omit<T, 'expiresAt'> & {
  expiresAt: string | null;
};
interface StoredAccess {
  readonly roles: Stored<ScopedRole>[];
  readonly grants: Stored<DomainGrant>[];
}

function revive<T extends { expiresAt: Date | null }>(stored: Stored<T>): T {
  return {
    ...stored,
    expiresAt: stored.expiresAt === null ? null : new Date(stored.expiresAt),
  } as T;
}

function parseStored(json: string): PrincipalAccess | null {
  const data = JSON.parse(json) as Partial<StoredAccess> | null;
  if (!data || !Array.isArray(data.roles) || !Array.isArray(data.grants)) return null;
  return {
    roles: data.roles.map((r) => revive<ScopedRole>(r)),
    grants: data.grants.map((g) => revive<DomainGrant>(g)),
    narrowTo: null,
  };
}

function parseIdList(json: string): string[] | null {
  const data = JSON.parse(json) as unknown;
  return Array.isArray(data) && data.every((v) => typeof v === 'string') ? data : null;
}

function digest(ids: readonly string[]): string {
  if (ids.length === 0) return '-';
  return createHash('sha256')
    .update([...new Set(ids)].sort().join(','))
    .digest('base64url')
    .slice(0, 16);
}

const isScopeType = (v: string): v is ScopedRole['scopeType'] =>
  (ROLE_SCOPE_TYPES as readonly string[]).includes(v);

/**
 * Loads what a caller may do (roles and grants of the user and its groups, plus roles implied by
 * ScaiKey admin roles) and caches it per principal in Redis and, parsed, in each process’s memory.
 *
 * Cache correctness: every key embeds the generation counter `rbac:gen`, read from Redis on each
 * request, so `invalidateAll()` (one INCR, called by every mutation of roles, assignments, grants or
 * group memberships after its transaction commits) retires every entry in every API process at once.
 * A reader that saw the new generation loads after the commit; an entry written under an older
 * generation is never read again. When Redis is unavailable the cache is skipped (the database is
 * asked), never failed closed; an INCR that fails is retried by this process as soon as Redis answers
 * again, and entries written before the outage die with their TTL at the latest.
 */
@Injectable()
export class AccessService {
  private readonly logger = new Logger(AccessService.name);
  private invalidationPending = false;
  /** The same entries as Redis, parsed, so a hit costs the generation read alone. */
  private readonly local = new Map<string, { readonly value: unknown; readonly until: number }>();

  constructor(
    @InjectRepository(RoleAssignment) private readonly assignments: Repository<RoleAssignment>,
    @InjectRepository(AccessGrant) private readonly accessGrants: Repository<AccessGrant>,
    @InjectRepository(GroupMembership) private readonly memberships: Repository<GroupMembership>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  /**
   * The caller's access. A token caller: its user, its groups (from the database, closed over nesting,
   * plus `caller.groupIds`) and the roles the token's ScaiKey admin roles imply. An API key: its
   * permission source narrowed by the key's scopes — a user as above, with the roles implied by the
   * ScaiKey admin roles stored with the user (a key has no token; sign-ins, webhooks and sync keep
   * them current), or nothing while that user is not active; or a group and the groups it is nested
   * in, but no member's own roles.
   */
  async accessFor(caller: Caller): Promise<PrincipalAccess> {
    const key = caller.apiKey;
    if (key?.permissionSource === 'group') {
      const groupId = key.permissionSourceId;
      const base = await this.cached(`g:${groupId}`, async () =>
        this.loadPrincipalAccess({ groupIds: await this.groupAncestors([groupId]) }),
      );
      return { ...base, narrowTo: key.scopes };
    }
    if (key) {
      const userId = key.permissionSourceId;
      const extraGroupIds = userId === caller.userId ? caller.groupIds : [];
      const base = await this.cached(`k:${userId}:${digest(extraGroupIds)}`, () =>
        this.loadKeyUserAccess(userId, extraGroupIds),
      );
      return { ...base, narrowTo: key.scopes };
    }

    const userId = caller.userId;
    const base = await this.cached(`u:${userId}:${digest(caller.groupIds)}`, () =>
      this.loadUserAccess(userId, caller.groupIds),
    );
    // The token's own claims: ScaiKey's word for this token, however old the stored copy is.
    const implied = impliedRoles(caller.scaikeyRoles, caller.tenantId, caller.partnerId);
    return {
      roles: implied.length > 0 ? [...base.roles, ...implied] : base.roles,
      grants: base.grants,
      narrowTo: null,
    };
  }

  /**
   * What a user holds as a principal, whoever asks (an admin listing users): exactly what an API key
   * with that user as its source carries before any narrowing, through the same cache.
   */
  async accessOfUser(userId: string): Promise<PrincipalAccess> {
    return this.cached(`k:${userId}:${digest([])}`, () => this.loadKeyUserAccess(userId, []));
  }

  /** `isAllowed` for the caller, now. */
  async can(caller: Caller, permission: string, target: AccessTarget): Promise<boolean> {
    return isAllowed(await this.accessFor(caller), permission, target, new Date());
  }

  /**
   * Makes every cached access stale in every process. Call it after the transaction of any change to
   * roles, role assignments, access grants, group memberships or users (an API key's source user's
   * status and ScaiKey roles are part of its access) has committed. Never throws: if
   * Redis is down the bump is retried later (see the class comment).
   */
  async invalidateAll(): Promise<void> {
    try {
      await this.redis.incr(RBAC_GENERATION_KEY);
      this.invalidationPending = false;
    } catch (err) {
      this.invalidationPending = true;
      this.logger.warn(`RBAC cache invalidation failed, will retry: ${errorMessage(err)}`);
    }
  }

  /** The live (unexpired) role assignments and access grants of a user and/or groups. No cache. */
  async loadPrincipalAccess(principal: AccessPrincipal): Promise<PrincipalAccess> {
    const { userId } = principal;
    const groupIds = [...new Set(principal.groupIds)];
    if (!userId && groupIds.length === 0) return { roles: [], grants: [], narrowTo: null };
    const now = new Date();
    const [assignments, grants] = await Promise.all([
      this.assignments
        .createQueryBuilder('a')
        .innerJoinAndSelect('a.role', 'r')
        .where(this.principalCondition('a.principalType', 'a.principalId', userId, groupIds))
        .andWhere('(a.expiresAt IS NULL OR a.expiresAt > :now)', { now })
        .orderBy('a.id')
        .getMany(),
      this.accessGrants
        .createQueryBuilder('g')
        .innerJoinAndSelect('g.role', 'r')
        .where(this.principalCondition('g.granteeType', 'g.granteeId', userId, groupIds))
        .andWhere('(g.expiresAt IS NULL OR g.expiresAt > :now)', { now })
        .orderBy('g.id')
        .getMany(),
    ]);

    const roles: ScopedRole[] = [];
    for (const a of assignments) {
      const role = a.role;
      // A tenant's custom role only ever counts inside that tenant (defence in depth: the
      // assignment service refuses anything else).
      if (!role || (role.tenantId !== null && role.tenantId !== a.tenantId)) continue;
      if (!isScopeType(a.scopeType)) continue;
      roles.push({
        roleId: role.id,
        roleName: role.name,
        permissions: Array.isArray(role.permissions) ? role.permissions : [],
        scopeType: a.scopeType,
        scopeId: a.scopeType === 'platform' ? null : a.scopeId,
        expiresAt: a.expiresAt,
        source: 'assignment',
      });
    }
    const domainGrants: DomainGrant[] = [];
    for (const g of grants) {
      const role = g.role;
      if (!role || (role.tenantId !== null && role.tenantId !== g.tenantId)) continue;
      domainGrants.push({
        grantId: g.id,
        domainId: g.domainId,
        roleName: role.name,
        permissions: Array.isArray(role.permissions) ? role.permissions : [],
        recordPattern: g.recordPattern,
        recordTypes: g.recordTypes,
        expiresAt: g.expiresAt,
      });
    }
    return { roles, grants: domainGrants, narrowTo: null };
  }

  /** A user's own and their groups' roles and grants (`extraGroupIds` added to their groups). */
  private async loadUserAccess(
    userId: string,
    extraGroupIds: readonly string[],
  ): Promise<PrincipalAccess> {
    const direct = await this.directGroupIds(userId);
    const groupIds = await this.groupAncestors([...direct, ...extraGroupIds]);
    return this.loadPrincipalAccess({ userId, groupIds });
  }

  /**
   * What an API key whose permission source is this user carries: `loadUserAccess`, plus the roles
   * implied by the ScaiKey admin roles stored with the user, exactly like assigned roles (and gone
   * as soon as ScaiKey's word removes them). Nothing while the user is not active: a suspended or
   * removed service user's keys stop, whoever owns them.
   */
  private async loadKeyUserAccess(
    userId: string,
    extraGroupIds: readonly string[],
  ): Promise<PrincipalAccess> {
    const user = await this.users.findOne({ where: { id: userId }, relations: { tenant: true } });
    if (!user?.tenant || user.status !== 'active') return { roles: [], grants: [], narrowTo: null };
    const base = await this.loadUserAccess(userId, extraGroupIds);
    const implied = impliedRoles(user.scaikeyRoles ?? [], user.tenantId, user.tenant.partnerId);
    return { ...base, roles: [...base.roles, ...implied] };
  }

  /** The user's groups plus every group they are nested in, at any depth. No cache. */
  async groupClosure(userId: string): Promise<string[]> {
    return this.groupAncestors(await this.directGroupIds(userId));
  }

  /**
   * `groupClosure` through the same generation-keyed cache (for building a Caller on every request;
   * membership changes call `invalidateAll()` like every other RBAC change).
   */
  async cachedGroupClosure(userId: string): Promise<string[]> {
    return this.readThrough(`groups:${userId}`, () => this.groupClosure(userId), parseIdList);
  }

  /** The given groups plus every group they are nested in, at any depth; cycles are harmless. */
  async groupAncestors(groupIds: readonly string[]): Promise<string[]> {
    const seen = new Set(groupIds);
    let frontier = [...seen];
    while (frontier.length > 0) {
      const parents = await this.memberships.find({
        select: { groupId: true },
        where: { memberType: 'group', memberId: In(frontier) },
      });
      frontier = [];
      for (const { groupId } of parents) {
        if (seen.has(groupId)) continue;
        seen.add(groupId);
        frontier.push(groupId);
      }
    }
    return [...seen].sort();
  }

  private async directGroupIds(userId: string): Promise<string[]> {
    const rows = await this.memberships.find({
      select: { groupId: true },
      where: { memberType: 'user', memberId: userId },
    });
    return rows.map((r) => r.groupId);
  }

  private principalCondition(
    typeColumn: string,
    idColumn: string,
    userId: string | undefined,
    groupIds: readonly string[],
  ): Brackets {
    return new Brackets((qb) => {
      if (userId) {
        qb.orWhere(`(${typeColumn} = 'user' AND ${idColumn} = :userId)`, { userId });
      }
      if (groupIds.length > 0) {
        qb.orWhere(`(${typeColumn} = 'group' AND ${idColumn} IN (:...groupIds))`, { groupIds });
      }
    });
  }

  private async cached(
    principalKey: string,
    load: () => Promise<PrincipalAccess>,
  ): Promise<PrincipalAccess> {
    return this.readThrough(`access:${principalKey}`, load, parseStored);
  }

  /** Reads through the generation-keyed cache; any Redis trouble means "load from the database". */
  private async readThrough<T>(
    name: string,
    load: () => Promise<T>,
    parse: (json: string) => T | null,
  ): Promise<T> {
    if (this.redis.status !== 'ready') return load();
    let key: string;
    try {
      if (this.invalidationPending) await this.invalidateAll();
      key = `${CACHE_KEY_PREFIX}:${await this.generation()}:${name}`;
      const remembered = this.local.get(key);
      if (remembered && remembered.until > Date.now()) return remembered.value as T;
      const hit = await this.redis.get(key);
      const parsed = hit === null ? null : parse(hit);
      if (parsed !== null) {
        this.remember(key, parsed);
        return parsed;
      }
    } catch (err) {
      this.logger.warn(`RBAC cache unavailable, reading the database: ${errorMessage(err)}`);
      return load();
    }
    const fresh = await load();
    this.remember(key, fresh);
    try {
      await this.redis.set(key, JSON.stringify(fresh), 'EX', ACCESS_CACHE_TTL_SECONDS);
    } catch (err) {
      this.logger.warn(`RBAC cache write failed: ${errorMessage(err)}`);
    }
    return fresh;
  }

  /**
   * The generation cached access is valid for, or null when Redis can't say (then nothing cached may
   * be trusted). Other caches that must retire with access (CallerCache) compare against it.
   */
  async currentGeneration(): Promise<string | null> {
    if (this.redis.status !== 'ready') return null;
    try {
      if (this.invalidationPending) await this.invalidateAll();
      if (this.invalidationPending) return null;
      return await this.generation();
    } catch {
      return null;
    }
  }

  /**
   * For caches of things access depends on (callers per token, API keys): valid while the RBAC
   * generation stands, retired by `invalidateAll()`.
   */
  generationSource(): GenerationSource {
    return {
      generation: () => this.currentGeneration(),
      retire: () => this.invalidateAll(),
    };
  }

  /** Keeps a parsed entry in memory for at most the Redis TTL; the oldest go first beyond the cap. */
  private remember(key: string, value: unknown): void {
    this.local.delete(key);
    this.local.set(key, { value, until: Date.now() + ACCESS_CACHE_TTL_SECONDS * 1000 });
    if (this.local.size > LOCAL_CACHE_ENTRIES) {
      this.local.delete(this.local.keys().next().value as string);
    }
  }

  private generation(): Promise<string> {
    return currentGeneration(this.redis, RBAC_GENERATION_KEY);
  }
}
