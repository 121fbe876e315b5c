import 'reflect-metadata';
import cluster from 'node:cluster';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  APP_CONFIG,
  type AppConfig,
  boundHeapGrowth,
  exitGracefullyOnSignals,
  joinClusterMetrics,
  loadConfigOrExit,
  Metrics,
  serveClusterMetrics,
} from '@app/core';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { buildOpenApiDocument } from './bootstrap/openapi';
import { API_PREFIX, configureApp, NEST_APP_OPTIONS } from './bootstrap/configure-app';
import { superviseWorkers } from './bootstrap/supervisor';

/** `--write-openapi FILE`: build the document without connecting to anything, write it, exit. */
async function writeOpenApi(path: string): Promise<void> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false });
  app.setGlobalPrefix(API_PREFIX);
  writeFileSync(path, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

async function serve(): Promise<void> {
  boundHeapGrowth();
  const settings = loadConfigOrExit('scaidns-api');
  if (settings.http.workers > 1 && cluster.isPrimary) {
    if (settings.metricsEnabled) serveClusterMetrics();
    superviseWorkers(settings.http.workers, settings.shutdownTimeoutMs);
    return;
  }
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    ...NEST_APP_OPTIONS,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const config = app.get<AppConfig>(APP_CONFIG);
  configureApp(app, config);
  if (cluster.isWorker && config.metricsEnabled) joinClusterMetrics(app.get(Metrics).registry);
  exitGracefullyOnSignals(app, app.get(Logger), config.shutdownTimeoutMs);
  await app.listen(config.http.port, config.http.host);
  app
    .get(Logger)
    .log(`ScaiDNS API listening on http://${config.http.host}:${config.http.port}/${API_PREFIX}`);
}

const openapiFlag = process.argv.indexOf('--write-openapi');
const run =
  openapiFlag >= 0 ? writeOpenApi(process.argv[openapiFlag + 1] ?? 'openapi.json') : serve();
run.catch((error: unknown) => {
  process.stderr.write(`scaidns-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
