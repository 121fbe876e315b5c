import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp, NEST_APP_OPTIONS } from '../../apps/api/src/bootstrap/configure-app';

/**
 * Boots the real API module (real MariaDB, Redis and PowerDNS from `.env`), configured exactly as
 * main.ts configures it. `extra` adds test-only controllers.
 */
export async function createTestApp(extra: ModuleMetadata = {}): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule, ...(extra.imports ?? [])],
    controllers: extra.controllers ?? [],
    providers: extra.providers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    ...NEST_APP_OPTIONS,
    logger: ['error'],
  });
  configureApp(app, app.get<AppConfig>(APP_CONFIG));
  await app.init();
  return app;
}
