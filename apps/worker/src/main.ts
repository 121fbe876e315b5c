import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  APP_CONFIG,
  type AppConfig,
  boundHeapGrowth,
  exitGracefullyOnSignals,
  loadConfigOrExit,
  SCAIDNS_QUEUE,
} from '@app/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  boundHeapGrowth();
  loadConfigOrExit('scaidns-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const config = app.get<AppConfig>(APP_CONFIG);
  exitGracefullyOnSignals(app, logger, config.shutdownTimeoutMs);
  await app.init();
  logger.log(
    `ScaiDNS worker ready (queue ${SCAIDNS_QUEUE}, concurrency ${config.worker.concurrency})`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(
    `scaidns-worker: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
