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
): DataSourceOptions & { type: 'mariadb' } {
  return {
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
