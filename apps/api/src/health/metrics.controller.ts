import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  APP_CONFIG,
  AppError,
  type AppConfig,
  clusterMetricsText,
  inMetricsCluster,
  Metrics,
} from '@app/core';
import { Public } from '../auth/auth.decorators';

/** prom-client's exposition format (Registry.PROMETHEUS_CONTENT_TYPE). */
const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Prometheus metrics of the API (every API process, summed, when API_WORKERS > 1), served when
   * METRICS_ENABLED=true and 404 otherwise. Public, as the health endpoints are: restrict it in the
   * reverse proxy. No label carries a secret, a user, a key or a raw path.
   */
  @Get()
  @ApiProduces(PROMETHEUS_TEXT)
  @ApiOkResponse({
    description: 'Prometheus text exposition format.',
    content: { [PROMETHEUS_TEXT]: { schema: { type: 'string' } } },
  })
  @ApiNotFoundResponse({ description: 'Metrics are not enabled (METRICS_ENABLED=false)' })
  @ApiServiceUnavailableResponse({
    description: 'With API_WORKERS > 1: the other API processes did not answer in time',
  })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    if (!this.config.metricsEnabled) {
      throw new AppError('NOT_FOUND', 'Metrics are not enabled (METRICS_ENABLED=false)');
    }
    try {
      const text = inMetricsCluster()
        ? await clusterMetricsText()
        : await this.metrics.registry.metrics();
      // Set only now: an error is answered in JSON like every other.
      res.setHeader('Content-Type', PROMETHEUS_TEXT);
      res.setHeader('Cache-Control', 'no-store');
      return text;
    } catch (error) {
      throw new AppError(
        'NOT_READY',
        `Metrics of the other API processes are unavailable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
