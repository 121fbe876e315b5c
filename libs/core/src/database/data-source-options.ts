import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConnection } from '../config/database-url';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The one DataSource options object: the apps (through TypeOrmModule) and ormconfig.ts (the TypeORM CLI)
 * both build it here. Entities and migrations are listed as classes, not globs, so bundled builds work.
 */
export function buildDataSourceOptions(
  db: DatabaseConnection,
  poolSize = 10,
  /**
   * The apps' bound on one statement and one connection attempt (DATABASE_TIMEOUT_MS); none for the
   * migration tooling, whose ALTERs may run long.
   */
  timeoutMs?: number,
): DataSourceOptions & { type: 'mariadb' } {
  const timeouts =
    timeoutMs === undefined
      ? {}
      : { connectTimeout: timeoutMs, enableQueryTimeout: true, maxQueryExecutionTime: timeoutMs };
  return {
    ...timeouts,
    type: 'mariadb',
    connectorPackage: 'mysql2',
    host: db.host,
    port: db.port,
    username: db.username,
    password: db.password,
    database: db.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    poolSize,
    extra: { connectionLimit: poolSize, enableKeepAlive: true },
  };
}
