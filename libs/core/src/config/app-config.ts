import { parseDatabaseUrl, type DatabaseConnection } from './database-url';
import { ENV_SCHEMA, type EnvVarSpec } from './env.schema';

export type Environment = 'development' | 'staging' | 'production';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** The typed configuration every part of ScaiDNS reads; built once from the environment. */
export interface AppConfig {
  readonly environment: Environment;
  readonly debug: boolean;
  readonly log: { readonly level: LogLevel; readonly format: 'text' | 'json' };
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** API processes sharing the port. */
    readonly workers: number;
    readonly corsOrigins: readonly string[];
    readonly externalUrl: string;
    readonly trustedProxies: readonly string[];
  };
  readonly metricsEnabled: boolean;
  readonly shutdownTimeoutMs: number;
  readonly database: DatabaseConnection & {
    readonly url: string;
    readonly poolSize: number;
    readonly timeoutMs: number;
  };
  readonly redis: {
    readonly url: string;
    readonly maxConnections: number;
    readonly timeoutMs: number;
  };
  readonly worker: {
    readonly concurrency: number;
    /** Where the worker serves /metrics when metrics are enabled; port 0: nowhere. */
    readonly metrics: HostPort;
  };
  readonly pdns: {
    readonly apiUrl: string;
    readonly apiKey: string;
    readonly serverId: string;
    readonly timeoutMs: number;
    /** RFC 2136 updates of signed zones (PDNS_DNS_UPDATE_*); null: PATCH only. */
    readonly dnsUpdate: {
      readonly address: HostPort;
      readonly keyName: string;
      readonly allowFrom: readonly string[];
    } | null;
  };
  readonly scaikey: {
    /** Empty string when ScaiKey is not configured (development only). */
    readonly url: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly applicationId: string;
    readonly webhookSecret: string;
    readonly tokenCacheTtlSeconds: number;
    readonly jwksCacheTtlSeconds: number;
    readonly timeoutMs: number;
    /** 0 = the worker never syncs by itself. */
    readonly syncIntervalSeconds: number;
  };
  readonly secrets: { readonly session: string; readonly apiKeyPepper: string };
  readonly validation: {
    readonly challengeTtlSeconds: number;
    readonly expiryHours: number;
    readonly checkIntervalSeconds: number;
    readonly resolvers: readonly HostPort[];
    readonly authoritativePort: number;
    readonly dnsTimeoutMs: number;
  };
  readonly rateLimit: {
    readonly userPerMinute: number;
    readonly apiKeyPerMinute: number;
    readonly authFailuresPerMinute: number;
  };
  readonly records: {
    readonly ttlMin: number;
    readonly ttlMax: number;
    readonly zoneStateRecheckMs: number;
  };
  readonly domains: { readonly quotaPerTenant: number; readonly purgeAfterDays: number };
  readonly secondaries: {
    /** The catalog zone (canonical, trailing dot); null: no catalog. */
    readonly catalogZone: string | null;
    /** The secondaries' DNS addresses. */
    readonly dns: readonly HostPort[];
    /** The HTTP APIs of secondaries that are PowerDNS servers (asked to transfer at once). */
    readonly pdnsApis: readonly { readonly url: string; readonly apiKey: string }[];
    /** TSIG key for transfers (TSIG-ALLOW-AXFR); null: by address only. */
    readonly tsigKeyName: string | null;
    readonly checkIntervalSeconds: number;
  };
  readonly drift: {
    /** 0: on demand only. */
    readonly scanIntervalSeconds: number;
    /** PowerDNS's own database (read-only fingerprints); null: every zone is read through the API. */
    readonly pdnsDatabase: DatabaseConnection | null;
  };
  readonly dnssec: {
    readonly defaultAlgorithm: number;
    readonly kskLifetimeDays: number;
    readonly zskLifetimeDays: number;
    readonly propagationDelaySeconds: number;
    readonly rollCheckIntervalSeconds: number;
  };
}

/** Thrown when the environment is unusable; `problems` holds one line per bad variable. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

type Parsed =
  string | number | boolean | readonly string[] | readonly HostPort[] | DatabaseConnection;

const LOG_LEVELS: Record<string, LogLevel> = {
  DEBUG: 'debug',
  INFO: 'info',
  WARNING: 'warn',
  ERROR: 'error',
};

function parseList(raw: string): readonly string[] | string {
  const trimmed = raw.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
    } catch {
      // fall through to the error below
    }
    return 'must be a JSON array of strings or a comma-separated list';
  }
  return trimmed === ''
    ? []
    : trimmed
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

function parseHostPorts(raw: string): readonly HostPort[] | string {
  const items = parseList(raw);
  if (typeof items === 'string') return items;
  const result: HostPort[] = [];
  for (const item of items) {
    const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(item) ?? /^([0-9a-f:]+)$/i.exec(item);
    if (!m) return `has an unusable entry "${item}" (expected host or host:port)`;
    const host = m[1] ?? m[2] ?? item;
    const port = m[3] ? Number(m[3]) : 53;
    if (port < 1 || port > 65535) return `has an invalid port in "${item}"`;
    result.push({ host, port });
  }
  if (result.length === 0) return 'must name at least one resolver';
  return result;
}

function parseValue(spec: EnvVarSpec, raw: string): Parsed | { error: string } {
  switch (spec.kind) {
    case 'string':
      return raw;
    case 'secret':
      if (spec.min !== undefined && raw.length < spec.min) {
        return { error: `must be at least ${spec.min} characters long` };
      }
      return raw;
    case 'url':
    case 'redis-url': {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return { error: `is not a URL ("${raw}")` };
      }
      const allowed = spec.kind === 'url' ? ['http:', 'https:'] : ['redis:', 'rediss:'];
      if (!allowed.includes(url.protocol)) {
        return { error: `must use ${allowed.map((p) => p + '//').join(' or ')}` };
      }
      return raw.replace(/\/+$/, '');
    }
    case 'database-url': {
      const parsed = parseDatabaseUrl(raw);
      return typeof parsed === 'string' ? { error: parsed } : parsed;
    }
    case 'int': {
      if (!/^-?\d+$/.test(raw.trim())) return { error: `must be a whole number (got "${raw}")` };
      const n = Number(raw.trim());
      if (spec.min !== undefined && n < spec.min) return { error: `must be at least ${spec.min}` };
      if (spec.max !== undefined && n > spec.max) return { error: `must be at most ${spec.max}` };
      return n;
    }
    case 'bool': {
      const v = raw.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off', ''].includes(v)) return false;
      return { error: `must be true or false (got "${raw}")` };
    }
    case 'enum': {
      const values = spec.values ?? [];
      const match = values.find((v) => v.toLowerCase() === raw.trim().toLowerCase());
      return match ?? { error: `must be one of ${values.join(', ')} (got "${raw}")` };
    }
    case 'string-list': {
      const list = parseList(raw);
      return typeof list === 'string' ? { error: list } : list;
    }
    case 'host-port-list': {
      // A list whose default is empty may be empty (SECONDARIES); others need an entry.
      if (raw.trim() === '' && spec.default === '') return [];
      const list = parseHostPorts(raw);
      return typeof list === 'string' ? { error: list } : list;
    }
    case 'host-port': {
      if (raw.trim() === '') return [];
      const list = parseHostPorts(raw);
      if (typeof list === 'string') return { error: list };
      return list.length === 1 ? list : { error: 'must be one host or host:port' };
    }
  }
}

function isError(v: Parsed | { error: string }): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/**
 * Reads and validates every variable of ENV_SCHEMA. Collects all problems before failing, so an
 * operator fixes a broken `.env` in one pass.
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: string[] = [];
  const values = new Map<string, Parsed>();
  const rawEnvironment = (env.ENVIRONMENT ?? 'production').trim().toLowerCase();

  for (const spec of ENV_SCHEMA) {
    const given = env[spec.name];
    const raw = given === undefined || given.trim() === '' ? undefined : given.trim();
    const required =
      spec.required === true ||
      (spec.requiredOutsideDevelopment === true && rawEnvironment !== 'development');
    if (raw === undefined) {
      if (required) {
        problems.push(`${spec.name} is required but not set (${spec.description})`);
        continue;
      }
      if (spec.default === undefined) {
        values.set(spec.name, '');
        continue;
      }
    }
    const parsed = parseValue(spec, raw ?? spec.default ?? '');
    if (isError(parsed)) problems.push(`${spec.name} ${parsed.error}`);
    else values.set(spec.name, parsed);
  }

  const ttlMin = values.get('RECORD_TTL_MIN');
  const ttlMax = values.get('RECORD_TTL_MAX');
  if (typeof ttlMin === 'number' && typeof ttlMax === 'number' && ttlMin > ttlMax) {
    problems.push(`RECORD_TTL_MIN (${ttlMin}) must not exceed RECORD_TTL_MAX (${ttlMax})`);
  }
  const secondaryApis = parseSecondaryApis(values.get('SECONDARY_PDNS_API_URLS') as string);
  if (typeof secondaryApis === 'string') problems.push(`SECONDARY_PDNS_API_URLS ${secondaryApis}`);
  if (problems.length > 0 || typeof secondaryApis === 'string') {
    throw new ConfigValidationError(problems);
  }

  const str = (k: string) => values.get(k) as string;
  const num = (k: string) => values.get(k) as number;
  const bool = (k: string) => values.get(k) as boolean;
  const list = (k: string) => values.get(k) as readonly string[];

  return {
    environment: str('ENVIRONMENT') as Environment,
    debug: bool('DEBUG'),
    log: {
      level: LOG_LEVELS[str('LOG_LEVEL').toUpperCase()] ?? 'info',
      format: str('LOG_FORMAT') as 'text' | 'json',
    },
    http: {
      host: str('HOST'),
      port: num('PORT'),
      workers: num('API_WORKERS'),
      corsOrigins: list('CORS_ORIGINS'),
      externalUrl: str('EXTERNAL_URL'),
      trustedProxies: list('TRUSTED_PROXIES'),
    },
    metricsEnabled: bool('METRICS_ENABLED'),
    shutdownTimeoutMs: num('SHUTDOWN_TIMEOUT_MS'),
    database: {
      ...(values.get('DATABASE_URL') as DatabaseConnection),
      url: env.DATABASE_URL?.trim() ?? '',
      poolSize: num('DATABASE_POOL_SIZE'),
      timeoutMs: num('DATABASE_TIMEOUT_MS'),
    },
    redis: {
      url: str('REDIS_URL'),
      maxConnections: num('REDIS_MAX_CONNECTIONS'),
      timeoutMs: num('REDIS_TIMEOUT_MS'),
    },
    worker: {
      concurrency: num('ARQ_MAX_JOBS'),
      metrics: { host: str('WORKER_METRICS_HOST'), port: num('WORKER_METRICS_PORT') },
    },
    pdns: {
      apiUrl: str('PDNS_API_URL'),
      apiKey: str('PDNS_API_KEY'),
      serverId: str('PDNS_SERVER_ID'),
      timeoutMs: num('PDNS_TIMEOUT_MS'),
      dnsUpdate: dnsUpdate(values),
    },
    scaikey: {
      url: str('SCAIKEY_URL'),
      clientId: str('SCAIKEY_CLIENT_ID'),
      clientSecret: str('SCAIKEY_CLIENT_SECRET'),
      applicationId: str('SCAIKEY_APPLICATION_ID'),
      webhookSecret: str('SCAIKEY_WEBHOOK_SECRET'),
      tokenCacheTtlSeconds: num('SCAIKEY_TOKEN_CACHE_TTL'),
      jwksCacheTtlSeconds: num('SCAIKEY_JWKS_CACHE_TTL'),
      timeoutMs: num('SCAIKEY_TIMEOUT_MS'),
      syncIntervalSeconds: num('SCAIKEY_SYNC_INTERVAL_SECONDS'),
    },
    secrets: { session: str('SESSION_SECRET'), apiKeyPepper: str('API_KEY_PEPPER') },
    validation: {
      challengeTtlSeconds: num('VALIDATION_CHALLENGE_TTL'),
      expiryHours: num('VALIDATION_EXPIRY_HOURS'),
      checkIntervalSeconds: num('VALIDATION_CHECK_INTERVAL_SECONDS'),
      resolvers: values.get('VALIDATION_RESOLVERS') as readonly HostPort[],
      authoritativePort: num('VALIDATION_AUTHORITATIVE_PORT'),
      dnsTimeoutMs: num('VALIDATION_DNS_TIMEOUT_MS'),
    },
    rateLimit: {
      userPerMinute: num('RATE_LIMIT_USER_PER_MINUTE'),
      apiKeyPerMinute: num('RATE_LIMIT_API_KEY_PER_MINUTE'),
      authFailuresPerMinute: num('RATE_LIMIT_AUTH_FAILURES_PER_MINUTE'),
    },
    records: {
      ttlMin: num('RECORD_TTL_MIN'),
      ttlMax: num('RECORD_TTL_MAX'),
      zoneStateRecheckMs: num('ZONE_STATE_RECHECK_MS'),
    },
    domains: {
      quotaPerTenant: num('DOMAIN_QUOTA_PER_TENANT'),
      purgeAfterDays: num('DOMAIN_PURGE_AFTER_DAYS'),
    },
    secondaries: {
      catalogZone:
        str('PDNS_CATALOG_ZONE').toLowerCase() === 'none'
          ? null
          : canonicalOrNull(str('PDNS_CATALOG_ZONE')),
      dns: values.get('SECONDARIES') as readonly HostPort[],
      pdnsApis: secondaryApis,
      tsigKeyName: canonicalOrNull(str('SECONDARY_TSIG_KEY_NAME')),
      checkIntervalSeconds: num('SECONDARY_CHECK_INTERVAL_SECONDS'),
    },
    drift: {
      scanIntervalSeconds: num('DRIFT_SCAN_INTERVAL_SECONDS'),
      pdnsDatabase: (values.get('PDNS_DATABASE_URL') || null) as DatabaseConnection | null,
    },
    dnssec: {
      defaultAlgorithm: Number(str('DNSSEC_DEFAULT_ALGORITHM')),
      kskLifetimeDays: num('DNSSEC_KSK_LIFETIME_DAYS'),
      zskLifetimeDays: num('DNSSEC_ZSK_LIFETIME_DAYS'),
      propagationDelaySeconds: num('DNSSEC_PROPAGATION_DELAY_SECONDS'),
      rollCheckIntervalSeconds: num('DNSSEC_ROLL_CHECK_INTERVAL_SECONDS'),
    },
  };
}

/** A DNS name with its trailing dot, lowercase; null when empty. */
function canonicalOrNull(name: string): string | null {
  const trimmed = name.trim().toLowerCase().replace(/\.+$/, '');
  return trimmed === '' ? null : `${trimmed}.`;
}

/**
 * SECONDARY_PDNS_API_URLS: `http(s)://:KEY@host:port` entries, comma-separated; the key is the URL's
 * password (so the list is one secret). An error message for a bad entry, never echoing the key.
 */
function parseSecondaryApis(raw: string): { url: string; apiKey: string }[] | string {
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const apis: { url: string; apiKey: string }[] = [];
  for (const [index, entry] of entries.entries()) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return `entry ${index + 1} is not a URL`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return `entry ${index + 1} must use http:// or https://`;
    }
    const apiKey = decodeURIComponent(url.password || url.username);
    if (apiKey === '') return `entry ${index + 1} has no API key (http://:KEY@host:port)`;
    url.username = '';
    url.password = '';
    apis.push({ url: url.toString().replace(/\/+$/, ''), apiKey });
  }
  return apis;
}

/** PDNS_DNS_UPDATE_*: null unless an address is set. */
function dnsUpdate(values: ReadonlyMap<string, Parsed>): AppConfig['pdns']['dnsUpdate'] {
  const [address] = values.get('PDNS_DNS_UPDATE_ADDRESS') as readonly HostPort[];
  if (!address) return null;
  return {
    address,
    keyName: values.get('PDNS_DNS_UPDATE_KEY_NAME') as string,
    allowFrom: values.get('PDNS_DNS_UPDATE_ALLOW_FROM') as readonly string[],
  };
}

/** True when ScaiKey settings are present (always in staging/production; maybe not in development). */
export function isScaiKeyConfigured(config: AppConfig): boolean {
  return config.scaikey.url !== '';
}
