import { Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { Pool, type Dispatcher } from 'undici';
import {
  errorMessage,
  InjectConfig,
  Metrics,
  pdnsEndpointTemplate,
  RequestContext,
  type AppConfig,
  type CheckResult,
} from '@app/core';
import {
  PdnsError,
  pdnsErrorFromNetwork,
  pdnsErrorFromResponse,
  PdnsUnavailableError,
  type PdnsSubject,
} from './pdns.errors';
import { PATCH_RRSETS } from './pdns-internal';
import { pdnsInputRecords } from './record-input';
import { canonicalZoneName, zoneIdPathSegment } from './pdns-zone-id';
import type {
  PdnsCacheFlushResult,
  PdnsClientOptions,
  PdnsCryptokey,
  PdnsCryptokeyCreate,
  PdnsCryptokeyUpdate,
  PdnsMetadata,
  PdnsPingResult,
  PdnsRRSetChange,
  PdnsSearchObjectType,
  PdnsSearchResult,
  PdnsServer,
  PdnsStatisticItem,
  PdnsTsigKey,
  PdnsZone,
  PdnsZoneCreate,
  PdnsZoneSummary,
  PdnsZoneUpdate,
} from './pdns.types';

type Query = Record<string, string | number | boolean | undefined>;

interface CallOptions {
  readonly query?: Query;
  readonly body?: unknown;
  readonly subject?: PdnsSubject;
  readonly timeoutMs?: number;
}

const DEFAULT_CONNECTIONS = 16;
const PING_TIMEOUT_MS = 2000;
/** Network error codes after which a GET is worth one more try: the socket died before an answer. */
const RETRYABLE_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * What a PATCH may take beyond the timeout, per rrset it changes: a 10k-rrset PATCH took 6-22 s and a 100k one 53 s
 * here (MariaDB backend), so a large import is not cut off while PowerDNS is still working on it.
 */
export const PATCH_MS_PER_RRSET = 5;

/**
 * The only code in ScaiDNS that talks to PowerDNS. Every method maps PowerDNS's failures to
 * PdnsError subclasses (AppError codes), so callers never see HTTP details or undici errors.
 *
 * Zone arguments take the `id` PowerDNS returned, or a zone name (converted with pdnsZoneId).
 */
@Injectable()
export class PdnsClient implements OnModuleDestroy {
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly serverPath: string;
  private readonly apiKey: string;
  private readonly timeoutMs: number;

  /** From the app's config under Nest, or from plain options (tests, CLI). */
  constructor(
    @InjectConfig() config: AppConfig | PdnsClientOptions,
    @Optional() private readonly metrics?: Metrics,
  ) {
    const options: PdnsClientOptions = 'pdns' in config ? config.pdns : config;
    const url = new URL(options.apiUrl);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.serverPath = `${this.basePath}/api/v1/servers/${encodeURIComponent(options.serverId)}`;
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs;
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? DEFAULT_CONNECTIONS,
      keepAliveTimeout: 30_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    if (!this.pool.closed && !this.pool.destroyed) await this.pool.close();
  }

  // --- servers ---------------------------------------------------------------------------------

  listServers(): Promise<PdnsServer[]> {
    return this.call<PdnsServer[]>('GET', `${this.basePath}/api/v1/servers`);
  }

  getServer(): Promise<PdnsServer> {
    return this.call<PdnsServer>('GET', this.serverPath);
  }

  /** For health checks: one GET of the server with a short timeout; throws PdnsUnavailableError. */
  async ping(
    timeoutMs: number = Math.min(PING_TIMEOUT_MS, this.timeoutMs),
  ): Promise<PdnsPingResult> {
    const started = performance.now();
    const server = await this.call<PdnsServer>('GET', this.serverPath, { timeoutMs });
    return { version: server.version, latencyMs: Math.round(performance.now() - started) };
  }

  async isReachable(timeoutMs?: number): Promise<boolean> {
    try {
      await this.ping(timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Readiness and `scaidns doctor`: ok with the version, or the client-safe reason
   * (`PowerDNS is unavailable: connection refused`). Never throws.
   */
  async healthCheck(timeoutMs?: number): Promise<CheckResult> {
    try {
      const { version, latencyMs } = await this.ping(timeoutMs);
      return { status: 'ok', message: `PowerDNS ${version} (${latencyMs} ms)` };
    } catch (error) {
      const message = error instanceof PdnsError ? error.message : errorMessage(error);
      return { status: 'error', message };
    }
  }

  /** The server's settings (pdns.conf and defaults), by name. */
  async getConfig(): Promise<Map<string, string>> {
    const items = await this.call<{ name: string; value: string }[]>(
      'GET',
      `${this.serverPath}/config`,
    );
    return new Map(items.map((item) => [item.name, item.value]));
  }

  /** `statistic` picks one item; PowerDNS answers 422 for an unknown name. */
  statistics(
    options: { statistic?: string; includeRings?: boolean } = {},
  ): Promise<PdnsStatisticItem[]> {
    return this.call<PdnsStatisticItem[]>('GET', `${this.serverPath}/statistics`, {
      query: { statistic: options.statistic, includerings: options.includeRings },
    });
  }

  /** Drops PowerDNS's packet and query caches for a name (and what is below it, when it ends in `$`). */
  flushCache(domain: string): Promise<PdnsCacheFlushResult> {
    return this.call<PdnsCacheFlushResult>('PUT', `${this.serverPath}/cache/flush`, {
      query: { domain },
    });
  }

  searchData(
    q: string,
    options: { max?: number; objectType?: PdnsSearchObjectType } = {},
  ): Promise<PdnsSearchResult[]> {
    return this.call<PdnsSearchResult[]>('GET', `${this.serverPath}/search-data`, {
      query: { q, max: options.max ?? 100, object_type: options.objectType },
    });
  }

  // --- zones -----------------------------------------------------------------------------------

  /** `zone` narrows to one name; `dnssec: false` spares PowerDNS a key lookup per zone. */
  listZones(options: { zone?: string; dnssec?: boolean } = {}): Promise<PdnsZoneSummary[]> {
    return this.call<PdnsZoneSummary[]>('GET', `${this.serverPath}/zones`, {
      query: {
        zone: options.zone === undefined ? undefined : canonicalZoneName(options.zone),
        dnssec: options.dnssec,
      },
    });
  }

  /**
   * `rrsets: false` leaves the records out (a big zone is megabytes); `rrsetName` (and with it
   * `rrsetType`) narrows them to one name or rrset.
   */
  async getZone(
    zone: string,
    options: { rrsets?: boolean; rrsetName?: string; rrsetType?: string } = {},
  ): Promise<PdnsZone> {
    const result = await this.call<PdnsZone>('GET', this.zonePath(zone), {
      query: {
        rrsets: options.rrsets,
        rrset_name: options.rrsetName,
        rrset_type: options.rrsetType,
      },
      subject: { notFound: `Zone ${zone}` },
    });
    if (options.rrsetName === undefined || !result.rrsets) return result;
    // PowerDNS 4.7 filters records but not comments: other names' commented rrsets come back as
    // empty rrsets (no records, ttl 0). Only what was asked for is kept.
    const name = options.rrsetName.toLowerCase();
    const type = options.rrsetType?.toUpperCase();
    const rrsets = result.rrsets.filter(
      (r) => r.name === name && (type === undefined || r.type === type),
    );
    return { ...result, rrsets };
  }

  /** 201 with the zone; `rrsets: false` keeps the reply small. 409 when it exists. */
  createZone(zone: PdnsZoneCreate, options: { rrsets?: boolean } = {}): Promise<PdnsZone> {
    const rrsets = zone.rrsets?.map((r) => ({
      ...r,
      records: pdnsInputRecords(r.type, r.records),
    }));
    return this.call<PdnsZone>('POST', `${this.serverPath}/zones`, {
      query: { rrsets: options.rrsets },
      body: rrsets ? { ...zone, rrsets } : zone,
      subject: { conflict: `Zone ${canonicalZoneName(zone.name)}` },
    });
  }

  /**
   * Changes zone properties (kind, soa_edit_api, api_rectify, account, masters, …). PowerDNS 4.7
   * ignores names, nameservers and records here, and stores an unknown `kind` as Native.
   */
  async updateZone(zone: string, changes: PdnsZoneUpdate): Promise<void> {
    await this.call('PUT', this.zonePath(zone), {
      body: changes,
      subject: { notFound: `Zone ${zone}` },
    });
  }

  async deleteZone(zone: string): Promise<void> {
    await this.call('DELETE', this.zonePath(zone), { subject: { notFound: `Zone ${zone}` } });
  }

  /** One backend transaction: every change applies or none does. Reached through zone-patch.ts only. */
  async [PATCH_RRSETS](zone: string, rrsets: readonly PdnsRRSetChange[]): Promise<void> {
    await this.call('PATCH', this.zonePath(zone), {
      body: {
        rrsets: rrsets.map((r) =>
          r.records ? { ...r, records: pdnsInputRecords(r.type, r.records) } : r,
        ),
      },
      subject: { notFound: `Zone ${zone}` },
      // PowerDNS takes a few milliseconds per rrset: a 100k import is a PATCH of minutes.
      timeoutMs: this.timeoutMs + rrsets.length * PATCH_MS_PER_RRSET,
    });
  }

  /** The zone in zone-file format, one record per line. */
  async exportZone(zone: string): Promise<string> {
    const reply = await this.call<{ zone?: string } | string>(
      'GET',
      `${this.zonePath(zone)}/export`,
      {
        subject: { notFound: `Zone ${zone}` },
      },
    );
    return typeof reply === 'string' ? reply : (reply.zone ?? '');
  }

  async rectifyZone(zone: string): Promise<string> {
    const reply = await this.call<{ result?: string }>('PUT', `${this.zonePath(zone)}/rectify`, {
      subject: { notFound: `Zone ${zone}` },
    });
    return reply.result ?? '';
  }

  /**
   * On a secondary: transfer the zone from its primary now (even when the serial did not move),
   * instead of waiting for NOTIFY or the SOA refresh. PowerDNS queues it and answers at once.
   */
  async retrieveZone(zone: string): Promise<string> {
    const reply = await this.call<{ result?: string }>(
      'PUT',
      `${this.zonePath(zone)}/axfr-retrieve`,
      { subject: { notFound: `Zone ${zone}` } },
    );
    return reply.result ?? '';
  }

  /** Queues NOTIFYs to the zone's secondaries (PowerDNS accepts it for Native zones too). */
  async notifyZone(zone: string): Promise<string> {
    const reply = await this.call<{ result?: string }>('PUT', `${this.zonePath(zone)}/notify`, {
      subject: { notFound: `Zone ${zone}` },
    });
    return reply.result ?? '';
  }

  // --- metadata --------------------------------------------------------------------------------

  listMetadata(zone: string): Promise<PdnsMetadata[]> {
    return this.call<PdnsMetadata[]>('GET', `${this.zonePath(zone)}/metadata`, {
      subject: { notFound: `Zone ${zone}` },
    });
  }

  /** An unset kind comes back with an empty `metadata` list, not a 404. */
  getMetadata(zone: string, kind: string): Promise<PdnsMetadata> {
    return this.call<PdnsMetadata>('GET', this.metadataPath(zone, kind), {
      subject: { notFound: `Zone ${zone}` },
    });
  }

  /** PUT: the kind's values become exactly `values` (POST would append). */
  replaceMetadata(zone: string, kind: string, values: readonly string[]): Promise<PdnsMetadata> {
    return this.call<PdnsMetadata>('PUT', this.metadataPath(zone, kind), {
      body: { kind, metadata: values },
      subject: { notFound: `Zone ${zone}` },
    });
  }

  async deleteMetadata(zone: string, kind: string): Promise<void> {
    await this.call('DELETE', this.metadataPath(zone, kind), {
      subject: { notFound: `Zone ${zone}` },
    });
  }

  // --- TSIG keys -------------------------------------------------------------------------------

  /** The key with its secret (base64); NOT_FOUND when PowerDNS has none of that name. */
  getTsigKey(name: string): Promise<PdnsTsigKey> {
    return this.call<PdnsTsigKey>('GET', this.tsigKeyPath(name), {
      subject: { notFound: `TSIG key ${name}` },
    });
  }

  /** Creates a key; PowerDNS draws its secret. A key of that name already there is a conflict. */
  createTsigKey(name: string, algorithm: string): Promise<PdnsTsigKey> {
    return this.call<PdnsTsigKey>('POST', `${this.serverPath}/tsigkeys`, {
      body: { name, algorithm },
      subject: { conflict: `TSIG key ${name}` },
    });
  }

  async deleteTsigKey(name: string): Promise<void> {
    await this.call('DELETE', this.tsigKeyPath(name), {
      subject: { notFound: `TSIG key ${name}` },
    });
  }

  // --- cryptokeys ------------------------------------------------------------------------------

  listCryptokeys(zone: string): Promise<PdnsCryptokey[]> {
    return this.call<PdnsCryptokey[]>('GET', `${this.zonePath(zone)}/cryptokeys`, {
      subject: { notFound: `Zone ${zone}` },
    });
  }

  /** Includes the private key. */
  getCryptokey(zone: string, id: number): Promise<PdnsCryptokey> {
    return this.call<PdnsCryptokey>('GET', this.cryptokeyPath(zone, id), {
      subject: { notFound: `Cryptokey ${id} of zone ${zone}` },
    });
  }

  /** Needs gmysql-dnssec (or the backend's equivalent) on the server, else 422. */
  createCryptokey(zone: string, key: PdnsCryptokeyCreate): Promise<PdnsCryptokey> {
    return this.call<PdnsCryptokey>('POST', `${this.zonePath(zone)}/cryptokeys`, {
      body: key,
      subject: { notFound: `Zone ${zone}` },
    });
  }

  async updateCryptokey(zone: string, id: number, changes: PdnsCryptokeyUpdate): Promise<void> {
    await this.call('PUT', this.cryptokeyPath(zone, id), {
      body: changes,
      subject: { notFound: `Cryptokey ${id} of zone ${zone}` },
    });
  }

  async deleteCryptokey(zone: string, id: number): Promise<void> {
    await this.call('DELETE', this.cryptokeyPath(zone, id), {
      subject: { notFound: `Cryptokey ${id} of zone ${zone}` },
    });
  }

  // --- plumbing --------------------------------------------------------------------------------

  private zonePath(zone: string): string {
    return `${this.serverPath}/zones/${zoneIdPathSegment(zone)}`;
  }

  private tsigKeyPath(name: string): string {
    return `${this.serverPath}/tsigkeys/${zoneIdPathSegment(canonicalZoneName(name))}`;
  }

  private metadataPath(zone: string, kind: string): string {
    return `${this.zonePath(zone)}/metadata/${encodeURIComponent(kind)}`;
  }

  private cryptokeyPath(zone: string, id: number): string {
    return `${this.zonePath(zone)}/cryptokeys/${encodeURIComponent(String(id))}`;
  }

  private async call<T = undefined>(
    method: Dispatcher.HttpMethod,
    pathname: string,
    options: CallOptions = {},
  ): Promise<T> {
    const path = pathname + queryString(options.query);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const headers: Record<string, string> = {
      'x-api-key': this.apiKey,
      accept: 'application/json',
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }

    let response: { status: number; text: string };
    try {
      response = await this.send(method, path, headers, body, timeoutMs);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (method !== 'GET' || typeof code !== 'string' || !RETRYABLE_CODES.has(code)) {
        throw pdnsErrorFromNetwork({ method, path }, error, timeoutMs);
      }
      // A GET that lost its socket before any answer is safe to send once more.
      try {
        response = await this.send(method, path, headers, body, timeoutMs);
      } catch (retryError) {
        throw pdnsErrorFromNetwork({ method, path }, retryError, timeoutMs);
      }
    }

    if (response.status < 200 || response.status >= 300) {
      throw pdnsErrorFromResponse(
        { method, path },
        response.status,
        response.text,
        options.subject,
      );
    }
    if (response.text.trim() === '') return undefined as T;
    try {
      return JSON.parse(response.text) as T;
    } catch (error) {
      // Export answers text when PowerDNS ignores Accept; anything else unparsable is a broken reply.
      if (path.endsWith('/export')) return response.text as T;
      throw new PdnsUnavailableError(
        { method, path, status: response.status, pdnsMessage: response.text.slice(0, 200) },
        'unreadable reply',
        error,
      );
    }
  }

  /** One request to PowerDNS, counted and timed (metrics, and the request's Server-Timing). */
  private async send(
    method: Dispatcher.HttpMethod,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs: number,
  ): Promise<{ status: number; text: string }> {
    const started = performance.now();
    let status = 'error';
    try {
      const response = await this.sendOnce(method, path, headers, body, timeoutMs);
      status = String(response.status);
      return response;
    } finally {
      const ms = performance.now() - started;
      RequestContext.addTiming('pdns', ms);
      if (this.metrics) {
        const endpoint = pdnsEndpointTemplate(path);
        this.metrics.pdnsRequests.labels(method, endpoint, status).inc();
        this.metrics.pdnsDuration.labels(method, endpoint).observe(ms / 1000);
      }
    }
  }

  private async sendOnce(
    method: Dispatcher.HttpMethod,
    path: string,
    headers: Record<string, string>,
    body: string | undefined,
    timeoutMs: number,
  ): Promise<{ status: number; text: string }> {
    const response = await this.pool.request({
      method,
      path,
      headers,
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // headers/body timeouts do not cover connecting; the signal bounds the whole call.
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.statusCode, text: await response.body.text() };
  }
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
