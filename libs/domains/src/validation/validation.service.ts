import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppConfig,
  AppError,
  Domain,
  InjectConfig,
  Metrics,
  ValidationChallenge,
  type ValidationType,
  inTransaction,
} from '@app/core';
import { type Caller, type PrincipalAccess, ZoneAccess } from '@app/identity';
import { type DataSource, type EntityManager, In, LessThan } from 'typeorm';
import { type CreateDomainInput, DomainService } from '../domains/domain.service';
import { PlatformNameservers } from '../nameservers/platform-nameservers';
import { DnsChecker, txtFailureMessage } from './dns-checker';

export const CHALLENGE_LABEL = '_scaidns-verify';
const OPEN: ValidationChallenge['status'][] = ['pending', 'verifying', 'failed'];

/** The outcome of one check, as the API and the worker report it. */
export interface CheckOutcome {
  readonly validated: boolean;
  readonly message: string;
  readonly domain: Domain;
  readonly challenge: ValidationChallenge | null;
}

/**
 * Ownership proof. A challenge is a TXT `_scaidns-verify.<domain>` = `scaidns-verify=<token>` (or, for
 * the `nameservers` method, the domain delegated to the platform's nameservers); a successful check
 * activates the domain. Challenges expire VALIDATION_EXPIRY_HOURS after they are issued.
 */
@Injectable()
export class ValidationService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly domains: DomainService,
    private readonly dns: DnsChecker,
    private readonly nameservers: PlatformNameservers,
    private readonly metrics: Metrics,
  ) {}

  /**
   * A new domain: with domains:validation_bypass it is created active (its zone made in the same
   * transaction); otherwise pending, with a challenge opened in the transaction that creates it.
   */
  async createDomain(
    caller: Caller,
    access: PrincipalAccess,
    input: CreateDomainInput,
    /** More checks of the new domain, under its name tree's lock (a reverse zone's network). */
    check: () => Promise<void> = async () => undefined,
  ): Promise<{ domain: Domain; challenge: ValidationChallenge | null }> {
    if (this.domains.mayBypassValidation(caller, access)) {
      const domain = await this.domains.create(caller, input, check, { method: 'bypass' });
      return { domain, challenge: null };
    }
    let challenge: ValidationChallenge | null = null;
    const domain = await this.domains.create(caller, input, async (manager, created) => {
      await check();
      challenge = await this.open(manager, caller, created);
    });
    return { domain, challenge };
  }

  /** Opens a challenge (inside the transaction that created the domain, or on request). */
  async open(
    manager: EntityManager,
    caller: Caller | null,
    domain: Domain,
    type: ValidationType = 'txt_record',
  ): Promise<ValidationChallenge> {
    await manager.update(
      ValidationChallenge,
      { domainId: domain.id, status: In(OPEN) },
      { status: 'cancelled' },
    );
    const token = randomBytes(24).toString('base64url');
    const challenge = await manager.save(
      manager.create(ValidationChallenge, {
        domainId: domain.id,
        tenantId: domain.tenantId,
        validationType: type,
        token,
        recordName: `${CHALLENGE_LABEL}.${domain.name}`,
        recordValue: `scaidns-verify=${token}`,
        status: 'pending',
        attempts: 0,
        expiresAt: new Date(Date.now() + this.config.validation.expiryHours * 3600_000),
        createdBy: caller?.userId ?? null,
      }),
    );
    await this.domains.record(manager, caller, 'domain.validation.start', domain, undefined, {
      validation_type: type,
      record_name: challenge.recordName,
      expires_at: challenge.expiresAt.toISOString(),
    });
    return challenge;
  }

  /**
   * The challenge waiting to be checked, or null: none while the domain is not pending (an active
   * zone has none), nor once the last one was validated, cancelled or let expire.
   */
  async pending(zone: ZoneAccess, now = new Date()): Promise<ValidationChallenge | null> {
    if (zone.domain.status !== 'pending_validation') return null;
    const challenge = await this.dataSource.getRepository(ValidationChallenge).findOne({
      where: { domainId: zone.domain.id },
      order: { createdAt: 'DESC' },
    });
    if (!challenge || !OPEN.includes(challenge.status) || challenge.expiresAt <= now) return null;
    return challenge;
  }

  async current(zone: ZoneAccess): Promise<ValidationChallenge> {
    const challenge = await this.dataSource.getRepository(ValidationChallenge).findOne({
      where: { domainId: zone.domain.id },
      order: { createdAt: 'DESC' },
    });
    if (!challenge) throw AppError.notFound('Validation challenge');
    return challenge;
  }

  /**
   * A new challenge in place of the open one. The domain's row is locked first, so renewals made at
   * once run one after the other and leave exactly one challenge open, and none is opened for a
   * domain that an activation has just made active.
   */
  async renew(zone: ZoneAccess, type: ValidationType): Promise<ValidationChallenge> {
    return inTransaction(this.dataSource, async (manager) => {
      const domain = await manager.findOne(Domain, {
        where: { id: zone.domain.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!domain) throw AppError.notFound('Domain');
      if (domain.status !== 'pending_validation')
        throw AppError.conflict(`Domain is ${domain.status}`);
      return this.open(manager, zone.caller, domain, type);
    });
  }

  async cancel(zone: ZoneAccess): Promise<void> {
    const { domain, caller } = zone;
    await inTransaction(this.dataSource, async (manager) => {
      const result = await manager.update(
        ValidationChallenge,
        { domainId: domain.id, status: In(OPEN) },
        { status: 'cancelled' },
      );
      if (!result.affected) throw AppError.notFound('Open validation challenge');
      await this.domains.record(
        manager,
        caller,
        'domain.validation.cancel',
        domain,
        undefined,
        undefined,
      );
    });
  }

  /**
   * Checks ownership now (API: the caller's access; worker: the platform's). With `bypass`
   * (domains:validation_bypass) the domain is activated without asking DNS. A failed check answers
   * the reason and keeps the challenge open; an expired one can never validate.
   */
  async check(zone: ZoneAccess, bypass = false): Promise<CheckOutcome> {
    const { domain, caller } = zone;
    if (domain.status === 'active') {
      return { validated: true, message: 'Domain is already active', domain, challenge: null };
    }
    if (domain.status !== 'pending_validation')
      throw AppError.conflict(`Domain is ${domain.status}`);
    if (bypass) {
      this.metrics.validationChecks.labels('bypass', 'valid').inc();
      const activated = await this.domains.activate(zone, (manager, d) =>
        this.domains.record(manager, caller, 'domain.validation.success', d, undefined, {
          method: 'bypass',
        }),
      );
      return {
        validated: true,
        message: 'Domain activated (validation bypass)',
        domain: activated,
        challenge: null,
      };
    }
    const challenge = await this.current(zone);
    if (challenge.status === 'expired' || challenge.expiresAt.getTime() <= Date.now()) {
      this.metrics.validationChecks.labels(challenge.validationType, 'expired').inc();
      if (challenge.status !== 'expired') await this.expire([challenge.id]);
      // A check that can't succeed is still an answer about ownership, not a bad request.
      return {
        validated: false,
        message: 'The validation challenge has expired: request a new one (POST /validation)',
        domain,
        challenge,
      };
    }
    if (!OPEN.includes(challenge.status)) {
      throw AppError.badRequest(
        `The validation challenge is ${challenge.status}: request a new one`,
      );
    }
    const failure = await this.verify(domain, challenge);
    this.metrics.validationChecks
      .labels(challenge.validationType, failure ? 'invalid' : 'valid')
      .inc();
    if (failure) {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.update(
          ValidationChallenge,
          { id: challenge.id },
          {
            status: 'failed',
            attempts: () => 'attempts + 1',
            lastCheckedAt: new Date(),
            lastError: failure,
          },
        );
        await this.domains.record(manager, caller, 'domain.validation.failure', domain, undefined, {
          message: failure,
          attempt: challenge.attempts + 1,
        });
      });
      return { validated: false, message: failure, domain, challenge };
    }
    const activated = await this.domains.activate(zone, async (manager, d) => {
      await manager.update(
        ValidationChallenge,
        { id: challenge.id },
        {
          status: 'validated',
          attempts: () => 'attempts + 1',
          lastCheckedAt: new Date(),
          validatedAt: new Date(),
          lastError: null,
        },
      );
      await this.domains.record(manager, caller, 'domain.validation.success', d, undefined, {
        method: challenge.validationType,
      });
    });
    return {
      validated: true,
      message: 'Domain validated',
      domain: activated,
      challenge,
    };
  }

  /** Marks challenges expired (the worker's sweep, or a check that found one). */
  async expire(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await inTransaction(this.dataSource, async (manager) => {
      const challenges = await manager.find(ValidationChallenge, {
        where: { id: In([...ids]), status: In(OPEN) },
        relations: { domain: true },
      });
      for (const c of challenges) {
        await manager.update(ValidationChallenge, { id: c.id }, { status: 'expired' });
        if (c.domain) {
          await this.domains.record(
            manager,
            null,
            'domain.validation.failure',
            c.domain,
            undefined,
            {
              message: 'Validation challenge expired',
            },
          );
        }
      }
    });
  }

  /** Open challenges past their expiry, for the worker. */
  async overdue(now = new Date()): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ValidationChallenge).find({
      select: { id: true },
      where: { status: In(OPEN), expiresAt: LessThan(now) },
      take: 1000,
    });
    return rows.map((r) => r.id);
  }

  /** Open challenges due for a re-check: every interval at first, then backing off to 32 intervals. */
  async due(now = new Date()): Promise<{ domainId: string }[]> {
    const interval = this.config.validation.checkIntervalSeconds * 1000;
    const rows = await this.dataSource.getRepository(ValidationChallenge).find({
      where: { status: In(OPEN) },
      relations: { domain: true },
      take: 1000,
    });
    return rows
      .filter((c) => c.domain?.status === 'pending_validation' && c.expiresAt > now)
      .filter((c) => {
        if (!c.lastCheckedAt) return true;
        const factor = Math.min(2 ** Math.max(0, c.attempts - 2), 32);
        return now.getTime() - c.lastCheckedAt.getTime() >= interval * factor - 1000;
      })
      .map((c) => ({ domainId: c.domainId }));
  }

  /** The platform's access to a domain (the worker's checks), or null when there is none. */
  async platformAccess(domainId: string): Promise<ZoneAccess | null> {
    const domain = await this.dataSource
      .getRepository(Domain)
      .findOne({ where: { id: domainId }, relations: { tenant: true } });
    return domain ? ZoneAccess.platform(domain) : null;
  }

  /** Null when ownership is proven, else the message the API returns. */
  private async verify(domain: Domain, challenge: ValidationChallenge): Promise<string | null> {
    if (challenge.validationType === 'nameservers') {
      const wanted = (await this.nameservers.get()).map((n) => n.replace(/\.$/, '').toLowerCase());
      const found = (await this.dns.findNameservers(domain.name)).map((n) =>
        n.replace(/\.$/, '').toLowerCase(),
      );
      if (found.length === 0) return `Domain ${domain.name} has no NS records in DNS`;
      const missing = wanted.filter((n) => !found.includes(n));
      return missing.length === 0
        ? null
        : `Domain is not delegated to the platform nameservers: missing ${missing.join(', ')}`;
    }
    const result = await this.dns.checkTxt(
      domain.name,
      challenge.recordName,
      challenge.recordValue,
    );
    return result.outcome === 'match'
      ? null
      : txtFailureMessage(result, challenge.recordName, challenge.recordValue, domain.name);
  }
}
