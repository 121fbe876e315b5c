import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  collectDefaultMetrics,
  Counter,
  type CounterConfiguration,
  Gauge,
  type GaugeConfiguration,
  Histogram,
  type HistogramConfiguration,
  Registry,
} from 'prom-client';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.constants';

/** Latency buckets (seconds) for requests to us and to PowerDNS: 1 ms to 10 s. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Jobs run longer than requests: up to 5 minutes. */
const JOB_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];
/** Changes per zone commit: one request alone, or many coalesced into one PATCH. */
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024];

export type CacheResult = 'hit' | 'miss';

/** What a cache reports for each lookup; bound to one cache's name. */
export type CacheObserver = (result: CacheResult) => void;

/**
 * Every Prometheus metric ScaiDNS has, in one registry per application (not prom-client's global
 * one: a test process builds many apps, and a name registered twice in one registry throws).
 *
 * Labels are bounded by construction: routes are templates (`/api/v1/domains/:domainId`), PowerDNS
 * endpoints have their zone and key ids replaced, job and event names come from fixed sets. Nothing
 * here is labelled by a user, key, tenant, zone or address, and no value is a secret.
 */
@Injectable()
export class Metrics implements OnModuleDestroy {
  readonly registry = new Registry();

  readonly httpRequests = this.counter({
    name: 'scaidns_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
  });
  readonly httpDuration = this.histogram({
    name: 'scaidns_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method and route template.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
  });
  readonly dbQueries = this.counter({
    name: 'scaidns_db_queries_total',
    help: 'Database queries, by result (ok, error).',
    labelNames: ['result'] as const,
  });
  readonly dbQueryDuration = this.histogram({
    name: 'scaidns_db_query_duration_seconds',
    help: 'Database query latency.',
    buckets: LATENCY_BUCKETS,
  });
  readonly pdnsRequests = this.counter({
    name: 'scaidns_pdns_requests_total',
    help: 'Requests to the PowerDNS API, by method, endpoint template and status (HTTP code or "error" when no answer came).',
    labelNames: ['method', 'endpoint', 'status'] as const,
  });
  readonly pdnsDuration = this.histogram({
    name: 'scaidns_pdns_request_duration_seconds',
    help: 'Duration of requests to the PowerDNS API, by method and endpoint template.',
    labelNames: ['method', 'endpoint'] as const,
    buckets: LATENCY_BUCKETS,
  });
  readonly validationChecks = this.counter({
    name: 'scaidns_validation_checks_total',
    help: 'Domain ownership checks, by challenge type and result (valid, invalid).',
    labelNames: ['type', 'result'] as const,
  });
  readonly webhookEvents = this.counter({
    name: 'scaidns_webhook_events_total',
    help: 'ScaiKey webhook deliveries, by event type and result (processed, failed, duplicate, rejected).',
    labelNames: ['event_type', 'result'] as const,
  });
  readonly workerJobs = this.counter({
    name: 'scaidns_worker_jobs_total',
    help: 'Background jobs run by the worker, by queue, job name and status (completed, failed).',
    labelNames: ['queue', 'job', 'status'] as const,
  });
  readonly workerJobDuration = this.histogram({
    name: 'scaidns_worker_jobs_duration_seconds',
    help: 'Duration of background jobs, by queue and job name.',
    labelNames: ['queue', 'job'] as const,
    buckets: JOB_BUCKETS,
  });
  readonly apiKeyUsage = this.counter({
    name: 'scaidns_api_key_usage_total',
    help: 'Requests authenticated with an API key (not labelled per key: that is in the audit log and the key itself).',
  });
  readonly zoneCommits = this.counter({
    name: 'scaidns_zone_commits_total',
    help: 'Commits of zone changes to PowerDNS by the zone writer, by result (committed, refused, failed).',
    labelNames: ['result'] as const,
  });
  readonly zoneUpdates = this.counter({
    name: 'scaidns_zone_updates_total',
    help: 'RFC 2136 updates of signed zones sent by the zone writer, by outcome (committed; not_applied: a PATCH followed; unknown: the zone was read back to tell).',
    labelNames: ['outcome'] as const,
  });
  readonly zoneReads = this.counter({
    name: 'scaidns_zone_reads_total',
    help: "How record reads found their zone's indexed copy, by kind (current; changes: brought up to date from the zone's log; full: the whole zone read from PowerDNS).",
    labelNames: ['kind'] as const,
  });
  readonly zoneCommitBatch = this.histogram({
    name: 'scaidns_zone_commit_batch_size',
    help: 'Changes carried by one zone commit (requests coalesced into one PowerDNS PATCH).',
    buckets: BATCH_BUCKETS,
  });
  readonly auditWriteDuration = this.histogram({
    name: 'scaidns_audit_write_duration_seconds',
    help: 'Time to make an audit entry durable in the database.',
    buckets: LATENCY_BUCKETS,
  });
  readonly cacheRequests = this.counter({
    name: 'scaidns_cache_requests_total',
    help: 'In-process cache lookups, by cache and result (hit, miss).',
    labelNames: ['cache', 'result'] as const,
  });
  readonly rateLimitRefusals = this.counter({
    name: 'scaidns_rate_limit_refusals_total',
    help: 'Requests refused with 429, by limit (user, api_key, auth_failures).',
    labelNames: ['limit'] as const,
  });

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'metricsEnabled'>) {
    // Process metrics (CPU, memory, event loop, GC) only where they are served: each call starts
    // its own observers, which a test process building many apps would otherwise pile up.
    if (config.metricsEnabled)
      collectDefaultMetrics({ register: this.registry, prefix: 'scaidns_' });
  }

  /** A gauge whose value is read at scrape time (`collect`), in this registry. */
  gauge<L extends string>(configuration: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return new Gauge<L>({ ...configuration, registers: [this.registry] });
  }

  private counter<L extends string>(
    configuration: Omit<CounterConfiguration<L>, 'registers'>,
  ): Counter<L> {
    return new Counter<L>({ ...configuration, registers: [this.registry] });
  }

  private histogram<L extends string>(
    configuration: Omit<HistogramConfiguration<L>, 'registers'>,
  ): Histogram<L> {
    return new Histogram<L>({ ...configuration, registers: [this.registry] });
  }

  cacheObserver(cache: string): CacheObserver {
    const hit = this.cacheRequests.labels(cache, 'hit');
    const miss = this.cacheRequests.labels(cache, 'miss');
    return (result) => (result === 'hit' ? hit.inc() : miss.inc());
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}

/**
 * PowerDNS API path → a template for labels: the ids of servers, zones, keys and metadata kinds
 * become placeholders, and the query string is dropped.
 */
export function pdnsEndpointTemplate(path: string): string {
  const segments = path.split('?')[0].split('/');
  const placeholders: Record<string, string> = {
    servers: '{server}',
    zones: '{zone}',
    cryptokeys: '{key}',
    metadata: '{kind}',
  };
  for (let i = 0; i < segments.length - 1; i += 1) {
    const placeholder = placeholders[segments[i]];
    if (placeholder && segments[i + 1] !== '') {
      segments[i + 1] = placeholder;
      i += 1;
    }
  }
  return segments.join('/');
}
