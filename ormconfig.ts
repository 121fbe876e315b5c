import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, loadEnvFile, parseDatabaseUrl } from '@app/core';

/**
 * The DataSource of the TypeORM CLI (`npm run typeorm -- …`, `migration:*`): the apps' options object,
 * built from DATABASE_URL alone (the real environment wins over `.env`) so migrations run without
 * the rest of the configuration.
 */
function cliDataSource(): DataSource {
  loadEnvFile();
  const url = process.env.DATABASE_URL?.trim();
  if (!url) {
    throw new Error(
      'DATABASE_URL is not set (in the environment or .env); expected mysql://user:password@host:3306/database',
    );
  }
  const db = parseDatabaseUrl(url);
  if (typeof db === 'string') throw new Error(`DATABASE_URL ${db}`);
  return new DataSource(buildDataSourceOptions(db, 2));
}

export default cliDataSource();
