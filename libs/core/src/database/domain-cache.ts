import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GenerationCache, redisGeneration } from '../redis/generation-cache';
import { InjectRedis } from '../redis/redis.constants';
import { Metrics } from '../metrics/metrics';
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
/** A flag on a QueryRunner whose open transaction changed a domain or a tenant. */
const CHANGED = 'scaidns.domainsChanged';

/**
 * Domain rows (with their tenant) by id, in memory, for the checks every domain route makes. An
 * entry is used only while the domains generation it was read under is current (any domain or
 * tenant change bumps it, see DomainChangeNotifier) and for at most 30 s; without Redis nothing is
 * cached. Callers get a copy, so nothing they change leaks into the cache.
 */
@Injectable()
export class DomainCache {
  private readonly cache: GenerationCache<Domain | null>;

  constructor(@InjectRedis() redis: Redis, metrics: Metrics) {
    this.cache = new GenerationCache<Domain | null>({
      source: redisGeneration(redis, () => DOMAINS_GENERATION_KEY, new Logger(DomainCache.name)),
      maxAgeMs: 30_000,
      maxEntries: 5_000,
      copy: (domain) => domain && copyOf(domain),
      observe: metrics.cacheObserver('domains'),
    });
  }

  get(id: string, load: () => Promise<Domain | null>): Promise<Domain | null> {
    return this.cache.get(id, load);
  }

  /** After a domain or tenant change has committed: every process reads domains again. */
  retireAll(): Promise<void> {
    return this.cache.bump('');
  }
}

function copyOf(domain: Domain): Domain {
  const copy = Object.assign(Object.create(Domain.prototype) as Domain, domain);
  if (domain.tenant) {
    copy.tenant = Object.assign(Object.create(Tenant.prototype) as Tenant, domain.tenant);
  }
  return copy;
}

/**
 * Every write to a domain or tenant row, from any service of any process, bumps the domains
 * generation once it has committed (after the transaction, or at once outside one). It hooks into
 * TypeORM itself (inserts, saves, updates, deletes and removes all broadcast), so no code path that
 * writes a domain through TypeORM can forget it.
 */
@Injectable()
export class DomainChangeNotifier implements EntitySubscriberInterface {
  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly cache: DomainCache,
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
    // A nested transaction's savepoint released: the outer one hasn't committed yet.
    if (!data[CHANGED] || event.queryRunner.isTransactionActive) return;
    data[CHANGED] = false;
    return this.cache.retireAll();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    // Only the outermost rollback undoes everything; after a savepoint's, a spare bump is harmless.
    if (event.queryRunner.isTransactionActive) return;
    (event.queryRunner.data as Record<string, unknown>)[CHANGED] = false;
  }

  private touched(target: unknown, queryRunner: QueryRunner): Promise<void> | void {
    if (target !== Domain && target !== Tenant) return;
    if (queryRunner.isTransactionActive) {
      (queryRunner.data as Record<string, unknown>)[CHANGED] = true;
      return;
    }
    return this.cache.retireAll();
  }
}
