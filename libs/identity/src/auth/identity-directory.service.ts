import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppError, Partner, Tenant, User, isDuplicateKeyError } from '@app/core';
import { type Repository } from 'typeorm';

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

/**
 * The local cache of ScaiKey's partners, tenants and users, as far as authentication needs it:
 * finds the user of a token, creating user, tenant and partner on first sight (webhooks and
 * `scaidns sync` keep them current afterwards). Races between two first requests are settled by
 * the unique scaikey_id indexes.
 */
@Injectable()
export class IdentityDirectoryService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    @InjectRepository(Partner) private readonly partners: Repository<Partner>,
  ) {}

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
