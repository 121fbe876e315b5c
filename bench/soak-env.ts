/**
 * Imported first by the soak: it runs on its own database and Redis database (see soak.bench.ts),
 * which the test setup reads as it is loaded.
 */
import 'tsconfig-paths/register';
import { loadEnvFile } from '@app/core';

loadEnvFile();
const url = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/scaidns');
url.pathname = '/scaidns_soak';
process.env.TEST_DATABASE_URL ??= url.toString();
process.env.TEST_REDIS_URL ??= 'redis://127.0.0.1:6379/3';
