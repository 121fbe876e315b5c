import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { AuditOrigin } from '@app/audit';
import {
  AppError,
  type EpochMicros,
  Partner,
  Tenant,
  User,
  epochMicrosToIso,
  isDuplicateKeyError,
} from '@app/core';
import { type DataSource, type Repository } from 'typeorm';
import { IdentityMirrorService } from '../mirror/identity-mirror.service';
import { scaikeyRolesUpdate } from '../mirror/mirror-rules';
import { AccessService } from '../rbac/access.service';

/** What a token tells us about its user, in ScaiKey's ids. */
export interface ClaimedIdentity {
  readonly scaikeyUserId: string;
  readonly email: string;
  readonly displayName: string | null;
  readonly scaikeyTenantId: string;
  readonly tenantSlug: string | null;
  readonly tenantName: string | null;
  readonly scaikeyPartnerId: string | null;
}

export interface ResolvedIdentity {
  readonly user: User;
  readonly tenant: Tenant;
}

/** The ScaiKey admin roles a token claims, and when it was issued. */
export interface TokenRoles {
  readonly roles: readonly string[];
  /** The token's `iat` (EpochMicros); null when it has none. */
  readonly issuedAt: EpochMicros | null;
}

/** A token's `iat` counts whole seconds: the token was issued somewhere in that second. */
const IAT_RESOLUTION_US = 1_000_000;

/** Whom the audit log names for roles a token brought in: ScaiKey, through the sign-in. */
const TOKEN_ACTOR = { type: 'system', id: 'scaikey-token', email: null } as const;

/**
 * The local cache of ScaiKey's partners, tenants and users, as far as authentication needs it:
 * finds the user of a token, creating user, tenant and partner on first sight (webhooks and
 * `scaidns sync` keep them current afterwards). Races between two first requests are settled by
 * the unique scaikey_id indexes.
 */
@Injectable()
export class IdentityDirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
    private readonly mirror: IdentityMirrorService,
    private readonly access: AccessService,
  ) {}

  /**
   * At each sign-in (a token verified and turned into a caller): keeps the ScaiKey admin roles the
   * token claims with the user when they differ from the stored ones, so the user's API keys, which
   * have no token, carry the same implied roles — and lose them when a token without them arrives.
   * A token issued before the stored roles' stamp (a webhook or sync told us later news) changes
   * nothing; one issued in the same second may only take roles away (see `scaikeyRolesUpdate`).
   * Costs nothing when the roles agree (the usual case); a change is audited and retires
   * every cached access (keys, callers) after commit.
   */
  async rememberTokenRoles(user: User, token: TokenRoles, origin: AuditOrigin): Promise<void> {
    const claim = { roles: token.roles, stamp: token.issuedAt, resolution: IAT_RESOLUTION_US };
    const update = scaikeyRolesUpdate(
      { roles: user.scaikeyRoles, stamp: user.scaikeyRolesUpdatedUs },
      claim,
    );
    if (!update?.changed) return;
    const changed = await this.dataSource.transaction((manager) =>
      this.mirror.setTokenRoles(
        {
          manager,
          actor: TOKEN_ACTOR,
          origin,
          extra: {
            source: 'token',
            token_issued_at: token.issuedAt === null ? null : epochMicrosToIso(token.issuedAt),
          },
        },
        user.id,
        claim,
      ),
    );
    if (changed) await this.access.invalidateAll();
  }

  async resolve(identity: ClaimedIdentity): Promise<ResolvedIdentity> {
    const existing = await this.users.findOne({
      where: { scaikeyId: identity.scaikeyUserId },
      relations: { tenant: true },
    });
    if (existing?.tenant) {
      if (existing.tenant.scaikeyId !== identity.scaikeyTenantId) {
        throw new AppError('UNAUTHENTICATED', 'Token tenant does not match the user');
      }
      return { user: existing, tenant: existing.tenant };
    }
    const tenant = await this.findOrCreateTenant(identity);
    const user = await this.insertOnce(
      this.users,
      this.users.create({
        scaikeyId: identity.scaikeyUserId,
        tenantId: tenant.id,
        email: identity.email,
        displayName: identity.displayName,
        status: 'active',
        scaikeyRoles: null,
        scaikeyRolesUpdatedUs: null,
      }),
      { scaikeyId: identity.scaikeyUserId },
    );
    if (user.tenantId !== tenant.id) {
      throw new AppError('UNAUTHENTICATED', 'Token tenant does not match the user');
    }
    return { user, tenant };
  }

  async findUserByEmail(email: string): Promise<User[]> {
    return this.users.find({ where: { email: email.toLowerCase() }, relations: { tenant: true } });
  }

  private async findOrCreateTenant(identity: ClaimedIdentity): Promise<Tenant> {
    const found = await this.tenants.findOne({ where: { scaikeyId: identity.scaikeyTenantId } });
    if (found) return found;
    const partner = identity.scaikeyPartnerId
      ? await this.findOrCreatePartner(identity.scaikeyPartnerId)
      : null;
    return this.insertOnce(
      this.tenants,
      this.tenants.create({
        scaikeyId: identity.scaikeyTenantId,
        partnerId: partner?.id ?? null,
        name: identity.tenantName ?? identity.tenantSlug ?? identity.scaikeyTenantId,
        slug: null,
        status: 'active',
      }),
      { scaikeyId: identity.scaikeyTenantId },
    );
  }

  private async findOrCreatePartner(scaikeyId: string): Promise<Partner> {
    const found = await this.partners.findOne({ where: { scaikeyId } });
    if (found) return found;
    return this.insertOnce(
      this.partners,
      this.partners.create({ scaikeyId, name: scaikeyId, status: 'active' }),
      { scaikeyId },
    );
  }

  /** Inserts `row`, or returns the row another request inserted first. */
  private async insertOnce<T extends { scaikeyId: string }>(
    repo: Repository<T>,
    row: T,
    where: { scaikeyId: string },
  ): Promise<T> {
    try {
      return await repo.save(row);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await repo.findOne({ where: where as never });
      if (!winner) throw error;
      return winner;
    }
  }
}
