import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { errorMessage } from '../health/dependency-check';
import { InjectRedis } from '../redis/redis.constants';
import { Domain } from './entities/domain.entity';
import { Tenant } from './entities/tenant.entity';
import type Redis from 'ioredis';
import type {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  RemoveEvent,
  SoftRemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';

/** Redis key of the generation every cached domain is checked against. */
export const DOMAINS_GENERATION_KEY = 'scaidns:domains:gen';
/** Domains one process keeps; the least recently used go first beyond it. */
const CACHED_DOMAINS = 5_000;
/** Even a current entry is read again after this long (bounds the harm of a lost bump). */
const MAX_AGE_MS = 30_000;

/** A flag on a QueryRunner whose open transaction changed a domain or a tenant. */
const CHANGED = 'scaidns.domainsChanged';

async function bump(redis: Redis, logger: Logger): Promise<void> {
  try {
    await redis.incr(DOMAINS_GENERATION_KEY);
  } catch (error) {
    logger.warn(`could not retire cached domains: ${errorMessage(error)}`);
  }
}

/**
 * Every write to a domain or tenant row, from any service of any process, bumps the domains
 * generation once it has committed (after the transaction, or at once outside one). It hooks into
 * TypeORM itself (inserts, saves, updates, deletes and removes all broadcast), so no code path that
 * writes a domain through TypeORM can forget it.
 */
@Injectable()
export class DomainChangeNotifier implements EntitySubscriberInterface {
  private readonly logger = new Logger(DomainChangeNotifier.name);

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
  ) {
    dataSource.subscribers.push(this);
  }

  afterInsert(event: InsertEvent<unknown>): Promise<void> | void {
    return this.touched(event.metadata.target, event.queryRunner);
  }

  afterUpdate(event: UpdateEvent<unknown>): Promise<void> | void {
    return this.touched(event.metadata.target, event.queryRunner);
  }

  afterRemove(event: RemoveEvent<unknown>): Promise<void> | void {
    return this.touched(event.metadata.target, event.queryRunner);
  }

  afterSoftRemove(event: SoftRemoveEvent<unknown>): Promise<void> | void {
    return this.touched(event.metadata.target, event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): Promise<void> | void {
    const data = event.queryRunner.data as Record<string, unknown>;
    if (!data[CHANGED]) return;
    data[CHANGED] = false;
    return bump(this.redis, this.logger);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    (event.queryRunner.data as Record<string, unknown>)[CHANGED] = false;
  }

  private touched(target: unknown, queryRunner: QueryRunner): Promise<void> | void {
    if (target !== Domain && target !== Tenant) return;
    if (queryRunner.isTransactionActive) {
      (queryRunner.data as Record<string, unknown>)[CHANGED] = true;
      return;
    }
    return bump(this.redis, this.logger);
  }
}

/**
 * Domain rows (with their tenant) by id, in memory, for the checks every domain route makes. An
 * entry is used only while the domains generation it was read under is current (any domain or
 * tenant change bumps it, see DomainChangeNotifier) and for at most 30 s; without Redis nothing is
 * cached. Callers get a copy, so nothing they change leaks into the cache.
 */
@Injectable()
export class DomainCache {
  private readonly logger = new Logger(DomainCache.name);
  private readonly entries = new Map<
    string,
    { readonly generation: string; readonly domain: Domain | null; readonly loadedAt: number }
  >();

  constructor(@InjectRedis() private readonly redis: Redis) {}

  async get(id: string, load: () => Promise<Domain | null>): Promise<Domain | null> {
    const generation = await this.generation();
    const entry = this.entries.get(id);
    if (
      generation !== null &&
      entry?.generation === generation &&
      Date.now() - entry.loadedAt < MAX_AGE_MS
    ) {
      return entry.domain && copyOf(entry.domain);
    }
    const domain = await load();
    this.entries.delete(id);
    if (generation !== null) {
      this.entries.set(id, { generation, domain, loadedAt: Date.now() });
      if (this.entries.size > CACHED_DOMAINS) {
        this.entries.delete(this.entries.keys().next().value as string);
      }
    }
    return domain && copyOf(domain);
  }

  /**
   * The current generation, read before loading so a change committed meanwhile retires the entry.
   * A missing one (a flushed Redis) restarts from the clock, never at a value an entry might carry.
   */
  private async generation(): Promise<string | null> {
    try {
      const found = await this.redis.get(DOMAINS_GENERATION_KEY);
      if (found !== null) return found;
      await this.redis.set(DOMAINS_GENERATION_KEY, String(Date.now()), 'NX');
      return await this.redis.get(DOMAINS_GENERATION_KEY);
    } catch (error) {
      this.logger.warn(`domain cache unavailable, reading the database: ${errorMessage(error)}`);
      return null;
    }
  }
}

function copyOf(domain: Domain): Domain {
  const copy = Object.assign(Object.create(Domain.prototype) as Domain, domain);
  if (domain.tenant) {
    copy.tenant = Object.assign(Object.create(Tenant.prototype) as Tenant, domain.tenant);
  }
  return copy;
}
