import 'tsconfig-paths/register';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, parseDatabaseUrl } from '@app/core';
import './load-env';

/** Once per test run: the test database is emptied and migrated from scratch. */
export default async function globalSetup(): Promise<void> {
  const db = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
  if (typeof db === 'string') throw new Error(`DATABASE_URL ${db}`);
  const dataSource = new DataSource({ ...buildDataSourceOptions(db, 2), dropSchema: true });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
