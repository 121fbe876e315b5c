import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { type AppConfig, Metrics } from '@app/core';
import { apiLogger } from '../common/api-logger';
import { httpObserver, SERVER_TIMING_HEADER } from '../common/http-observer.middleware';
import { bodyParserErrorHandler, bodyParsers } from '../common/body-parser';
import { overloadedRoutes } from '../common/overloaded-routes';
import { requestIdMiddleware } from '../common/request-id.middleware';
import { buildOpenApiDocument } from './openapi';

export const API_PREFIX = 'api/v1';

/** Options for NestFactory.create: body parsing is ours (see configureApp). */
export const NEST_APP_OPTIONS = { bodyParser: false } as const;

/**
 * Everything about the HTTP app that is not a module: shared by main.ts and the e2e tests so they
 * exercise the same surface.
 */
export function configureApp(app: INestApplication, config: Pick<AppConfig, 'http' | 'log'>): void {
  const express = app as NestExpressApplication;
  const logger = apiLogger(config);
  express.use(requestIdMiddleware);
  express.use(
    httpObserver(
      app.get(Metrics),
      logger.isLevelEnabled('info') ? (line, message) => logger.info(line, message) : null,
    ),
  );
  express.use(...bodyParsers(), bodyParserErrorHandler);
  express.use(overloadedRoutes);
  express.disable('x-powered-by');
  express.set('trust proxy', false);
  app.setGlobalPrefix(API_PREFIX);
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? [...config.http.corsOrigins] : false,
    credentials: true,
    exposedHeaders: [
      'X-Request-ID',
      'Retry-After',
      'RateLimit',
      'RateLimit-Policy',
      SERVER_TIMING_HEADER,
    ],
  });
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
}
