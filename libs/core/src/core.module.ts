import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/config.constants';
import { buildDataSourceOptions } from './database/data-source-options';
import { DomainCache, DomainChangeNotifier } from './database/domain-cache';
import { boundPoolWaits } from './database/pool-timeout';
import { connectRedis, createRedisClient } from './redis/redis-client';
import { REDIS } from './redis/redis.constants';
import { Metrics } from './metrics/metrics';
import { DbQueryMetrics } from './metrics/db-query-metrics';
import { Clock } from './time/clock';

export interface CoreModuleOptions {
  /**
   * When true the database connection is opened only when a caller initializes the DataSource
   * (the CLI: `doctor` must run while the database is down).
   */
  readonly lazyDatabase?: boolean;
}

/**
 * Config, database and Redis for every process. Global so each lib can inject them without
 * re-importing; config is validated from process.env once per process.
 */
/** Bounds the wait for a pooled database connection (boundPoolWaits) once the pool exists. */
@Injectable()
class PoolTimeout implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    boundPoolWaits(this.dataSource, this.config.database.timeoutMs);
  }
}

@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig(process.env) },
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        connectRedis(
          createRedisClient(config.redis.url, {
            connectionName: 'scaidns',
            timeoutMs: config.redis.timeoutMs,
          }),
        ),
    },
    Metrics,
    Clock,
  ],
  exports: [APP_CONFIG, REDIS, Metrics, Clock],
})
export class CoreModule implements OnApplicationShutdown {
  static forRoot(options: CoreModuleOptions = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions(
              config.database,
              config.database.poolSize,
              config.database.timeoutMs,
            ),
            retryAttempts: options.lazyDatabase ? 0 : 2,
            retryDelay: 1000,
            manualInitialization: options.lazyDatabase === true,
          }),
        }),
      ],
      // Every process that writes through this DataSource retires cached domains (DomainCache).
      providers: [DomainChangeNotifier, DomainCache, PoolTimeout, DbQueryMetrics],
      exports: [DomainCache, DbQueryMetrics],
    };
  }

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
