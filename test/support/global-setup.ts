import 'tsconfig-paths/register';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, parseDatabaseUrl } from '@app/core';
import './load-env';

/**
 * The database `url` names, created if missing, emptied and migrated from scratch: the suites'
 * shared test database once per run, or a database of its own for a suite whose processes must
 * not meet other suites' rows.
 */
export async function freshDatabase(url: string): Promise<void> {
  const db = parseDatabaseUrl(url);
  if (typeof db === 'string') throw new Error(`DATABASE_URL ${db}`);
  const server = await createConnection({
    host: db.host,
    port: db.port,
    user: db.username,
    password: db.password,
  });
  try {
    await server.query(
      `CREATE DATABASE IF NOT EXISTS \`${db.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await server.end();
  }
  const dataSource = new DataSource({ ...buildDataSourceOptions(db, 2), dropSchema: true });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Once per test run: the test database is emptied and migrated from scratch. */
export default async function globalSetup(): Promise<void> {
  await freshDatabase(process.env.DATABASE_URL ?? '');
}
