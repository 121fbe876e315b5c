import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  ApiKey,
  type AppConfig,
  AppError,
  Domain,
  GenerationCache,
  Group,
  InjectConfig,
  Metrics,
  type PrincipalType,
  Tenant,
  User,
  inTransaction,
} from '@app/core';
import { type DataSource, type EntityManager, In, type Repository } from 'typeorm';
import { auditActorOf, auditCallerExtra, auditOriginOf } from '../auth/audit-actor';
import type { Caller, CallerApiKey } from '../auth/caller';
import { CallerFactory, type RequestOrigin } from '../auth/caller.factory';
import { AccessService } from '../rbac/access.service';
import { type AccessPlaces, accessNotCovered } from '../rbac/access-coverage';
import { heldPermissions, isAllowed } from '../rbac/access-decision';
import type { PrincipalAccess } from '../rbac/access.types';
import { isSubsetOf } from '../rbac/permissions';
import { apiKeyMatches, lookupPrefix, newApiKeySecret } from './api-key-secret';
import { ApiKeyUsageTracker } from './api-key-usage';
import { IpMatcher, parseCidr } from './ip-allowlist';

export interface CreateApiKeyInput {
  readonly name: string;
  readonly description?: string | null;
  readonly permissionSource: PrincipalType;
  readonly permissionSourceId: string;
  readonly scopes?: string[] | null;
  readonly rateLimit?: number | null;
  readonly ipWhitelist?: string[] | null;
  readonly expiresAt?: Date | null;
}

export type UpdateApiKeyInput = Partial<
  Pick<CreateApiKeyInput, 'name' | 'description' | 'rateLimit' | 'ipWhitelist' | 'expiresAt'>
>;

export interface IssuedApiKey {
  readonly key: ApiKey;
  /** The secret, shown once. */
  readonly secret: string;
}

export interface ApiKeyPage {
  readonly data: ApiKey[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** The fields an audit entry shows of a key: never its hash. */
function auditView(key: ApiKey): Record<string, unknown> {
  return {
    name: key.name,
    description: key.description,
    key_prefix: key.keyPrefix,
    status: key.status,
    permission_source: key.permissionSource,
    permission_source_id: key.permissionSourceId,
    scopes: key.scopes,
    rate_limit: key.rateLimit,
    ip_whitelist: key.ipWhitelist,
    expires_at: key.expiresAt?.toISOString() ?? null,
  };
}

function validateWhitelist(list: string[] | null | undefined): string[] | null {
  if (list === undefined || list === null) return null;
  const bad = list.filter((c) => parseCidr(c) === null);
  if (bad.length > 0) {
    throw new AppError('BAD_REQUEST', {
      message: `Not an IPv4/IPv6 address or CIDR: ${bad.join(', ')}`,
      field: 'ip_whitelist',
    });
  }
  return list.map((c) => c.trim());
}

/**
 * API keys: `sdk_live_` secrets stored only as a peppered HMAC, found by their clear prefix and
 * compared in constant time. A key carries its permission source's permissions (a user's or a
 * group's), narrowed by scopes. Every key belongs to the user who made it; callers only ever see and
 * manage their own keys.
 *
 * Who may make which key: anyone (with `api_keys:create`) a key carrying their own permissions or a
 * group's they are in; a holder of `roles:assign` in their tenant also one carrying any user's or
 * group's of that tenant, provided they hold everything that source holds now (`accessCovers`) — a
 * tenant admin making an ACME client's key from a group holding only an `_acme-challenge` TXT grant.
 * Another tenant's user or group is not found (404).
 */
@Injectable()
export class ApiKeyService {
  /** Keys by prefix, with their user and tenant (see the constructor). */
  private readonly byPrefix: GenerationCache<ApiKey | null>;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly callers: CallerFactory,
    private readonly usage: ApiKeyUsageTracker,
    metrics: Metrics,
  ) {
    // Keys by prefix, with their user and tenant, retired with the RBAC generation: every change to a
    // key (below) and to a user, tenant, group or role bumps it after commit.
    this.byPrefix = new GenerationCache<ApiKey | null>({
      source: access.generationSource(),
      maxAgeMs: 60_000,
      maxEntries: 10_000,
      observe: metrics.cacheObserver('api_keys'),
    });
  }

  // --- authentication ------------------------------------------------------------------------

  /** The caller of a request made with `X-API-Key`; 401 for anything but a live key, 403 off-list. */
  async authenticate(secret: string, origin: RequestOrigin): Promise<Caller> {
    const prefix = lookupPrefix(secret);
    // The secret is checked against the stored hash on every request; only the row is cached.
    const key = prefix
      ? await this.byPrefix.get(prefix, () =>
          this.keys.findOne({
            where: { keyPrefix: prefix },
            relations: { user: true, tenant: true },
          }),
        )
      : null;
    if (!key || !apiKeyMatches(secret, key.keyHash, this.config.secrets.apiKeyPepper)) {
      throw new AppError('UNAUTHENTICATED', 'Invalid API key');
    }
    if (key.status === 'revoked') throw new AppError('UNAUTHENTICATED', 'API key has been revoked');
    if (key.status === 'expired' || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) {
      throw new AppError('UNAUTHENTICATED', 'API key has expired');
    }
    if (key.ipWhitelist?.length && !new IpMatcher(key.ipWhitelist).has(origin.ip)) {
      throw new AppError('FORBIDDEN', `API key may not be used from ${origin.ip}`);
    }
    if (!key.user || !key.tenant) throw new AppError('UNAUTHENTICATED', 'Invalid API key');
    const apiKey: CallerApiKey = {
      id: key.id,
      prefix: key.keyPrefix,
      permissionSource: key.permissionSource,
      permissionSourceId: key.permissionSourceId,
      scopes: key.scopes,
      rateLimit: key.rateLimit,
    };
    const caller = await this.callers.forUser(key.user, key.tenant, origin, apiKey);
    await this.usage.record(key.id, origin.ip);
    return caller;
  }

  // --- management (JWT callers only; enforced at the edge) -----------------------------------

  async create(caller: Caller, input: CreateApiKeyInput): Promise<IssuedApiKey> {
    const sourceName = await this.assertSourceAllowed(
      caller,
      input.permissionSource,
      input.permissionSourceId,
      input.scopes ?? null,
    );
    const ipWhitelist = validateWhitelist(input.ipWhitelist);
    this.assertFuture(input.expiresAt);
    const issued = newApiKeySecret(this.config.secrets.apiKeyPepper);
    const key = await inTransaction(this.dataSource, async (manager) => {
      const row = manager.create(ApiKey, {
        tenantId: caller.tenantId,
        userId: caller.userId,
        name: input.name,
        description: input.description ?? null,
        keyPrefix: issued.prefix,
        keyHash: issued.hash,
        status: 'active',
        permissionSource: input.permissionSource,
        permissionSourceId: input.permissionSourceId,
        scopes: input.scopes ?? null,
        rateLimit: input.rateLimit ?? null,
        ipWhitelist,
        expiresAt: input.expiresAt ?? null,
        useCount: 0,
      });
      const saved = await manager.save(row);
      await this.record(manager, caller, 'api_key.create', saved, undefined, {
        ...auditView(saved),
        permission_source_name: sourceName,
      });
      return saved;
    });
    // A lookup of this prefix may have been cached as "no such key".
    await this.access.invalidateAll();
    return { key, secret: issued.secret };
  }

  async list(
    caller: Caller,
    options: { includeRevoked: boolean; page: number; pageSize: number },
  ): Promise<ApiKeyPage> {
    await this.usage.flush();
    const qb = this.keys
      .createQueryBuilder('k')
      .where('k.tenant_id = :tenantId AND k.user_id = :userId', {
        tenantId: caller.tenantId,
        userId: caller.userId,
      });
    if (!options.includeRevoked) qb.andWhere("k.status <> 'revoked'");
    const [data, total] = await qb
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.id', 'ASC')
      .skip((options.page - 1) * options.pageSize)
      .take(options.pageSize)
      .getManyAndCount();
    return { data, total, page: options.page, pageSize: options.pageSize };
  }

  async get(caller: Caller, id: string): Promise<ApiKey> {
    await this.usage.flush();
    return this.find(this.keys.manager, caller, id);
  }

  async update(caller: Caller, id: string, input: UpdateApiKeyInput): Promise<ApiKey> {
    const ipWhitelist =
      input.ipWhitelist === undefined ? undefined : validateWhitelist(input.ipWhitelist);
    if (input.expiresAt) this.assertFuture(input.expiresAt);
    return this.mutate(caller, id, 'api_key.update', (key) => {
      if (input.name !== undefined) key.name = input.name;
      if (input.description !== undefined) key.description = input.description;
      if (input.rateLimit !== undefined) key.rateLimit = input.rateLimit;
      if (ipWhitelist !== undefined) key.ipWhitelist = ipWhitelist;
      if (input.expiresAt !== undefined) key.expiresAt = input.expiresAt;
    });
  }

  async revoke(caller: Caller, id: string, reason: string | null): Promise<ApiKey> {
    return this.mutate(caller, id, 'api_key.revoke', (key) => {
      if (key.status === 'revoked') throw AppError.conflict('API key is already revoked');
      key.status = 'revoked';
      key.revokedAt = new Date();
      key.revokedReason = reason;
    });
  }

  async activate(caller: Caller, id: string): Promise<ApiKey> {
    return this.mutate(caller, id, 'api_key.activate', (key) => {
      if (key.status === 'active') throw AppError.conflict('API key is already active');
      if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) {
        throw AppError.conflict('API key has expired; set a later expires_at first');
      }
      key.status = 'active';
      key.revokedAt = null;
      key.revokedReason = null;
    });
  }

  /** A new secret for the same key; the old one stops working with this commit. */
  async regenerate(caller: Caller, id: string): Promise<IssuedApiKey> {
    const issued = newApiKeySecret(this.config.secrets.apiKeyPepper);
    const key = await this.mutate(caller, id, 'api_key.regenerate', (row) => {
      row.keyPrefix = issued.prefix;
      row.keyHash = issued.hash;
    });
    return { key, secret: issued.secret };
  }

  async delete(caller: Caller, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const key = await this.find(manager, caller, id, true);
      await manager.delete(ApiKey, { id: key.id });
      await this.record(manager, caller, 'api_key.delete', key, auditView(key), undefined);
    });
    await this.access.invalidateAll();
  }

  /** `scaidns create-api-key`: a key for a user, with the user's own permissions. */
  async createForUser(
    user: User,
    tenant: Tenant,
    input: Omit<CreateApiKeyInput, 'permissionSource' | 'permissionSourceId'>,
  ): Promise<IssuedApiKey> {
    const caller = await this.callers.forUser(
      user,
      tenant,
      { ip: '127.0.0.1', userAgent: 'scaidns-cli', requestId: null },
      null,
    );
    return this.create(caller, { ...input, permissionSource: 'user', permissionSourceId: user.id });
  }

  // --- internals -------------------------------------------------------------------------------

  private async mutate(
    caller: Caller,
    id: string,
    action: string,
    change: (key: ApiKey) => void,
  ): Promise<ApiKey> {
    const saved = await inTransaction(this.dataSource, async (manager) => {
      const key = await this.find(manager, caller, id, true);
      const before = auditView(key);
      change(key);
      const row = await manager.save(key);
      await this.record(manager, caller, action, row, before, auditView(row));
      return row;
    });
    // Revoked, re-enabled, re-scoped or re-keyed: cached lookups of it must go, in every process.
    await this.access.invalidateAll();
    return saved;
  }

  private async find(
    manager: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<ApiKey> {
    const key = await manager.findOne(ApiKey, {
      where: { id, tenantId: caller.tenantId, userId: caller.userId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!key) throw AppError.notFound('API key');
    return key;
  }

  private async record(
    manager: EntityManager,
    caller: Caller,
    action: string,
    key: ApiKey,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.record(manager, {
      tenantId: caller.tenantId,
      actor: auditActorOf(caller),
      origin: auditOriginOf(caller),
      action,
      resourceType: 'api_key',
      resourceId: key.id,
      resourceName: key.name,
      before,
      after,
      extra: auditCallerExtra(caller),
    });
  }

  private assertFuture(expiresAt: Date | null | undefined): void {
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw new AppError('BAD_REQUEST', {
        message: 'expires_at must be in the future',
        field: 'expires_at',
      });
    }
  }

  /**
   * Whether the caller may make a key carrying `source`'s permissions with these scopes (see the
   * class comment); returns the source's name (an e-mail or a group name) for the audit entry.
   * Scopes must be permissions the source holds somewhere (a fenced grant's record permissions
   * included): scopes only narrow, so one held nowhere is a mistake.
   */
  private async assertSourceAllowed(
    caller: Caller,
    source: PrincipalType,
    sourceId: string,
    scopes: string[] | null,
  ): Promise<string> {
    const now = new Date();
    const own = source === 'user' ? sourceId === caller.userId : caller.groupIds.includes(sourceId);
    // Only a key carrying someone else's permissions is measured against the caller's own.
    const holder = own ? null : await this.access.accessFor(caller);
    const tenant = { tenantId: caller.tenantId, partnerId: caller.partnerId };
    if (holder && !isAllowed(holder, 'roles:assign', tenant, now)) {
      throw new AppError(
        'FORBIDDEN',
        "A key can only carry your own permissions or a group of yours (another user's or group's needs roles:assign)",
      );
    }
    const principal = await this.sourcePrincipal(caller, source, sourceId);
    if (principal instanceof User && principal.status !== 'active') {
      throw new AppError('BAD_REQUEST', {
        message: 'The user the key would carry the permissions of is not active',
        field: 'permission_source_id',
      });
    }
    const carried = await this.access.accessFor({
      ...caller,
      kind: 'api_key',
      apiKey: {
        id: '',
        prefix: '',
        permissionSource: source,
        permissionSourceId: sourceId,
        scopes: null,
        rateLimit: null,
      },
    });
    if (holder) {
      const missing = accessNotCovered(holder, carried, now, await this.placesOf(carried));
      if (missing.length > 0) {
        const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : '';
        throw new AppError(
          'FORBIDDEN',
          `The ${source} holds access you don't, so a key can't carry it: ${missing[0]}${more}`,
        );
      }
    }
    if (scopes && !isSubsetOf(scopes, heldPermissions(carried, now))) {
      throw new AppError('BAD_REQUEST', {
        message: 'scopes must be a subset of the permissions the key carries',
        field: 'scopes',
      });
    }
    return principal instanceof User ? principal.email : principal.name;
  }

  /** The key's user or group, in the caller's tenant only (another tenant's is not found). */
  private async sourcePrincipal(
    caller: Caller,
    source: PrincipalType,
    id: string,
  ): Promise<User | Group> {
    const where = { id, tenantId: caller.tenantId };
    const found =
      source === 'user'
        ? await this.dataSource.getRepository(User).findOne({ where })
        : await this.dataSource.getRepository(Group).findOne({ where });
    if (!found) throw AppError.notFound(source === 'user' ? 'User' : 'Group');
    return found;
  }

  /** The tenants and domains the roles and grants of `access` are about (deleted domains too). */
  private async placesOf(access: PrincipalAccess): Promise<AccessPlaces> {
    const domainIds = new Set(access.grants.map((g) => g.domainId));
    const tenantIds = new Set<string>();
    for (const role of access.roles) {
      if (role.scopeId === null) continue;
      if (role.scopeType === 'domain') domainIds.add(role.scopeId);
      if (role.scopeType === 'tenant') tenantIds.add(role.scopeId);
    }
    const domains =
      domainIds.size === 0
        ? []
        : await this.dataSource.getRepository(Domain).find({
            where: { id: In([...domainIds]) },
            relations: { tenant: true },
          });
    const tenants =
      tenantIds.size === 0
        ? []
        : await this.dataSource.getRepository(Tenant).find({ where: { id: In([...tenantIds]) } });
    return {
      domains: new Map(
        domains.map((d) => [
          d.id,
          { tenantId: d.tenantId, partnerId: d.tenant?.partnerId ?? null },
        ]),
      ),
      tenants: new Map(tenants.map((t) => [t.id, t.partnerId])),
    };
  }
}
