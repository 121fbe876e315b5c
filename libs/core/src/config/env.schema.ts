/**
 * Every environment variable ScaiDNS reads, in one table. The table drives validation at start-up,
 * `.env.example`, the README's configuration table and `scaidns doctor`, so they cannot drift apart.
 */
export type EnvKind =
  | 'string'
  | 'secret'
  | 'url'
  | 'database-url'
  | 'redis-url'
  | 'int'
  | 'bool'
  | 'enum'
  | 'string-list'
  | 'host-port-list'
  /** One host or host:port (port 53 when left out); empty: not set. */
  | 'host-port';

export interface EnvVarSpec {
  readonly name: string;
  readonly kind: EnvKind;
  /** Required in every environment. */
  readonly required?: boolean;
  /** Required only when ENVIRONMENT is staging or production (ScaiKey can be absent in development). */
  readonly requiredOutsideDevelopment?: boolean;
  readonly default?: string;
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly description: string;
  readonly example?: string;
  readonly group: string;
  /**
   * Accepted (documented in the deployment guide) but not used by anything yet: why, in a few words.
   * `scaidns doctor` reports it as a note instead of calling the value ok.
   */
  readonly noEffectYet?: string;
}

export const ENV_SCHEMA: readonly EnvVarSpec[] = [
  // Required by the deployment guide.
  {
    name: 'DATABASE_URL',
    kind: 'database-url',
    required: true,
    group: 'Required',
    example: 'mysql://scaidns:password@127.0.0.1:3306/scaidns',
    description:
      'Application database (MariaDB/MySQL). mysql://, mariadb:// and the mysql+asyncmy:// form are accepted.',
  },
  {
    name: 'REDIS_URL',
    kind: 'redis-url',
    required: true,
    group: 'Required',
    example: 'redis://127.0.0.1:6379/0',
    description: 'Redis for rate limits, caches and the job queue (redis:// or rediss://).',
  },
  {
    name: 'PDNS_API_URL',
    kind: 'url',
    required: true,
    group: 'Required',
    example: 'http://127.0.0.1:8081',
    description: 'PowerDNS HTTP API base URL.',
  },
  {
    name: 'PDNS_API_KEY',
    kind: 'secret',
    required: true,
    group: 'Required',
    example: 'change-me',
    description: 'Shared secret for the PowerDNS HTTP API (api-key in pdns.conf).',
  },
  {
    name: 'SCAIKEY_URL',
    kind: 'url',
    requiredOutsideDevelopment: true,
    group: 'Required',
    example: 'https://scaikey.scailabs.ai',
    description: 'ScaiKey base URL. May be left empty only when ENVIRONMENT=development.',
  },
  {
    name: 'SCAIKEY_CLIENT_ID',
    kind: 'string',
    requiredOutsideDevelopment: true,
    group: 'Required',
    description: 'OAuth client id of ScaiDNS in ScaiKey.',
  },
  {
    name: 'SCAIKEY_CLIENT_SECRET',
    kind: 'secret',
    requiredOutsideDevelopment: true,
    group: 'Required',
    description: 'OAuth client secret of ScaiDNS in ScaiKey.',
  },
  {
    name: 'SCAIKEY_APPLICATION_ID',
    kind: 'string',
    requiredOutsideDevelopment: true,
    group: 'Required',
    description: 'ScaiKey application id whose assigned users may use ScaiDNS.',
  },
  {
    name: 'SCAIKEY_WEBHOOK_SECRET',
    kind: 'secret',
    requiredOutsideDevelopment: true,
    group: 'Required',
    description: 'HMAC secret that signs ScaiKey webhooks.',
  },
  {
    name: 'EXTERNAL_URL',
    kind: 'url',
    required: true,
    group: 'Required',
    example: 'https://scaidns.example.com',
    description: 'Public URL users reach ScaiDNS at.',
  },
  {
    name: 'SESSION_SECRET',
    noEffectYet: 'ScaiDNS keeps no sessions yet (no web UI)',
    kind: 'secret',
    required: true,
    min: 16,
    group: 'Required',
    description: 'Secret for session material (at least 16 characters).',
  },
  {
    name: 'API_KEY_PEPPER',
    kind: 'secret',
    required: true,
    min: 16,
    group: 'Required',
    description:
      'Secret mixed into API-key hashes (at least 16 characters). Changing it invalidates every key.',
  },

  // Optional, with the deployment guide's defaults.
  {
    name: 'DEBUG',
    noEffectYet: 'nothing reads it yet; use LOG_LEVEL=DEBUG',
    kind: 'bool',
    default: 'false',
    group: 'General',
    description: 'Debug mode; never in production.',
  },
  {
    name: 'ENVIRONMENT',
    kind: 'enum',
    values: ['development', 'staging', 'production'],
    default: 'production',
    group: 'General',
    description: 'development, staging or production.',
  },
  {
    name: 'LOG_LEVEL',
    kind: 'enum',
    values: ['DEBUG', 'INFO', 'WARNING', 'ERROR'],
    default: 'INFO',
    group: 'General',
    description: 'DEBUG, INFO, WARNING or ERROR (case-insensitive).',
  },
  {
    name: 'LOG_FORMAT',
    kind: 'enum',
    values: ['text', 'json'],
    default: 'text',
    group: 'General',
    description: 'text (human-readable) or json (one JSON object per line).',
  },
  {
    name: 'PORT',
    kind: 'int',
    default: '8000',
    min: 1,
    max: 65535,
    group: 'General',
    description: 'API listen port.',
  },
  {
    name: 'API_WORKERS',
    kind: 'int',
    default: '1',
    min: 1,
    max: 64,
    group: 'General',
    description:
      'API processes sharing the port (as uvicorn --workers in the deployment guide); above 1 a supervisor forks them, restarts one that dies and stops them all on SIGTERM.',
  },
  {
    name: 'HOST',
    kind: 'string',
    default: '0.0.0.0',
    group: 'General',
    description: 'API listen address.',
  },
  {
    name: 'CORS_ORIGINS',
    kind: 'string-list',
    default: '[]',
    group: 'General',
    description: 'JSON array (or comma-separated list) of allowed CORS origins.',
  },
  {
    name: 'METRICS_ENABLED',
    kind: 'bool',
    default: 'false',
    group: 'General',
    description:
      'Serve Prometheus metrics at /api/v1/metrics (all API processes summed) and on the worker at WORKER_METRICS_PORT.',
  },
  {
    name: 'SHUTDOWN_TIMEOUT_MS',
    kind: 'int',
    default: '10000',
    min: 0,
    group: 'General',
    description: 'How long a process waits for in-flight work on SIGTERM before it exits.',
  },
  {
    name: 'DATABASE_POOL_SIZE',
    kind: 'int',
    default: '20',
    min: 1,
    max: 1000,
    group: 'Database and Redis',
    description: 'Database connection pool size.',
  },
  {
    name: 'DATABASE_TIMEOUT_MS',
    kind: 'int',
    default: '5000',
    min: 100,
    max: 600000,
    group: 'Database and Redis',
    description:
      'Longest one database statement, connection attempt or wait for a pooled connection may take; past it the request answers 503 (the database is unavailable) instead of hanging.',
  },
  {
    name: 'REDIS_TIMEOUT_MS',
    kind: 'int',
    default: '1000',
    min: 50,
    max: 60000,
    group: 'Database and Redis',
    description:
      'Longest one Redis command or connection attempt may take. While Redis is unreachable commands fail at once (nothing is queued behind a request): writes answer 503, caches fall back to the database.',
  },
  {
    name: 'REDIS_MAX_CONNECTIONS',
    noEffectYet: 'each process opens a fixed few Redis connections',
    kind: 'int',
    default: '20',
    min: 1,
    group: 'Database and Redis',
    description: 'Upper bound of Redis connections a process opens.',
  },
  {
    name: 'ARQ_MAX_JOBS',
    kind: 'int',
    default: '10',
    min: 1,
    max: 1000,
    group: 'Worker',
    description: 'Background worker concurrency (name kept from the deployment guide).',
  },
  {
    name: 'WORKER_METRICS_PORT',
    kind: 'int',
    default: '9464',
    min: 0,
    max: 65535,
    group: 'Worker',
    description:
      'With METRICS_ENABLED, the worker serves its Prometheus metrics at /metrics on this port (0: not served).',
  },
  {
    name: 'WORKER_METRICS_HOST',
    kind: 'string',
    default: '127.0.0.1',
    group: 'Worker',
    description: "Address the worker's metrics listener binds to.",
  },
  {
    name: 'PDNS_SERVER_ID',
    kind: 'string',
    default: 'localhost',
    group: 'PowerDNS',
    description: 'PowerDNS server id in API paths.',
  },
  {
    name: 'PDNS_TIMEOUT_MS',
    kind: 'int',
    default: '10000',
    min: 100,
    group: 'PowerDNS',
    description: 'Timeout of one PowerDNS API call.',
  },
  {
    name: 'PDNS_DNS_UPDATE_ADDRESS',
    kind: 'host-port',
    default: '',
    group: 'PowerDNS',
    example: '127.0.0.1:53',
    description:
      "PowerDNS's DNS listener (host:port). When set, changes to signed zones are sent as RFC 2136 updates signed with TSIG, which PowerDNS rectifies name by name; a PATCH rectifies the whole zone. PowerDNS needs `dnsupdate=yes` and an empty `allow-dnsupdate-from`. Empty: every change is a PATCH.",
  },
  {
    name: 'PDNS_DNS_UPDATE_KEY_NAME',
    kind: 'string',
    default: 'scaidns-control',
    group: 'PowerDNS',
    description:
      'Name of the TSIG key (HMAC-SHA256) that signs the updates. ScaiDNS creates it in PowerDNS when it is missing, and reads its secret through the API.',
  },
  {
    name: 'PDNS_DNS_UPDATE_ALLOW_FROM',
    kind: 'string-list',
    default: '127.0.0.0/8,::1/128',
    group: 'PowerDNS',
    description:
      "Networks that PowerDNS takes ScaiDNS's updates from: every zone written by update gets them as its ALLOW-DNSUPDATE-FROM, plus the TSIG key as its TSIG-ALLOW-DNSUPDATE.",
  },
  {
    name: 'SCAIKEY_TOKEN_CACHE_TTL',
    kind: 'int',
    default: '60',
    min: 0,
    group: 'ScaiKey',
    description: 'JWT validation cache TTL (seconds).',
  },
  {
    name: 'SCAIKEY_JWKS_CACHE_TTL',
    kind: 'int',
    default: '3600',
    min: 1,
    group: 'ScaiKey',
    description: 'JWKS cache TTL (seconds).',
  },
  {
    name: 'SCAIKEY_TIMEOUT_MS',
    kind: 'int',
    default: '5000',
    min: 100,
    group: 'ScaiKey',
    description: 'Timeout of one ScaiKey call.',
  },
  {
    name: 'SCAIKEY_SYNC_INTERVAL_SECONDS',
    kind: 'int',
    default: '0',
    min: 0,
    group: 'ScaiKey',
    description:
      'How often the worker runs `scaidns sync` by itself (seconds); 0 = never (webhooks keep the cache current).',
  },
  {
    name: 'VALIDATION_CHALLENGE_TTL',
    kind: 'int',
    default: '3600',
    min: 1,
    group: 'Domain validation',
    description: 'Validation challenge expiry (seconds).',
  },
  {
    name: 'VALIDATION_EXPIRY_HOURS',
    kind: 'int',
    default: '72',
    min: 1,
    group: 'Domain validation',
    description: 'Max age of a pending challenge before it is expired (hours).',
  },
  {
    name: 'VALIDATION_CHECK_INTERVAL_SECONDS',
    kind: 'int',
    default: '60',
    min: 1,
    group: 'Domain validation',
    description: 'Background re-check cadence of pending challenges (seconds).',
  },
  {
    name: 'VALIDATION_RESOLVERS',
    kind: 'host-port-list',
    default: '1.1.1.1,8.8.8.8',
    group: 'Domain validation',
    description:
      "Recursive resolvers used to find a domain's nameservers: comma-separated host or host:port.",
  },
  {
    name: 'VALIDATION_AUTHORITATIVE_PORT',
    kind: 'int',
    default: '53',
    min: 1,
    max: 65535,
    group: 'Domain validation',
    description: "Port used to query a domain's authoritative servers directly.",
  },
  {
    name: 'VALIDATION_DNS_TIMEOUT_MS',
    kind: 'int',
    default: '3000',
    min: 100,
    group: 'Domain validation',
    description: 'Timeout of one DNS query during validation.',
  },
  {
    name: 'RATE_LIMIT_USER_PER_MINUTE',
    kind: 'int',
    default: '1000',
    min: 1,
    group: 'Rate limits',
    description: 'Default per-user (JWT) rate limit.',
  },
  {
    name: 'RATE_LIMIT_API_KEY_PER_MINUTE',
    kind: 'int',
    default: '100',
    min: 1,
    group: 'Rate limits',
    description: 'Default per-API-key rate limit.',
  },
  {
    name: 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE',
    kind: 'int',
    default: '30',
    min: 1,
    group: 'Rate limits',
    description:
      'Failed authentications (bad API key or token) allowed per client address: a burst of this many, then one every 60/N s. Past it, requests from that address presenting credentials get 429 before they are checked.',
  },
  {
    name: 'TRUSTED_PROXIES',
    kind: 'string-list',
    default: '[]',
    group: 'Rate limits',
    description: 'Peers (IPs or CIDRs) whose X-Forwarded-For is believed.',
  },
  {
    name: 'RECORD_TTL_MIN',
    kind: 'int',
    default: '60',
    min: 1,
    group: 'Records',
    description: 'Smallest TTL a record may have (seconds).',
  },
  {
    name: 'RECORD_TTL_MAX',
    kind: 'int',
    default: '604800',
    min: 1,
    max: 2147483647,
    group: 'Records',
    description: 'Largest TTL a record may have (seconds).',
  },
  {
    name: 'ZONE_STATE_RECHECK_MS',
    kind: 'int',
    default: '1000',
    min: 0,
    max: 60000,
    group: 'Records',
    description:
      "How long a process trusts its cached copy of a zone (the writer's, and the index record reads come from) before it re-reads the zone's SOA serial from PowerDNS (ms). Writes by other ScaiDNS processes are always seen (through Redis); this bounds how late an edit made in PowerDNS directly is noticed. 0: check on every write and read.",
  },
  {
    name: 'DOMAIN_QUOTA_PER_TENANT',
    kind: 'int',
    default: '1000',
    min: 0,
    group: 'Domains',
    description: 'Most zones one tenant may hold (0 = unlimited).',
  },
  {
    name: 'DOMAIN_PURGE_AFTER_DAYS',
    kind: 'int',
    default: '30',
    min: 0,
    group: 'Domains',
    description:
      'Soft-deleted zones are purged (as a hard delete, by the worker, audited as domain.purge) this many days after their deletion; until then they can be restored. 0 keeps them forever.',
  },
  {
    name: 'PDNS_CATALOG_ZONE',
    kind: 'string',
    default: 'catalog.scaidns.invalid',
    group: 'Secondaries',
    description:
      'The catalog zone (RFC 9432) ScaiDNS keeps in PowerDNS as a Producer zone: every served zone is a member (a Master zone that notifies its secondaries), a soft-deleted or unvalidated one is not. A secondary configured once as a consumer of this zone serves every zone ScaiDNS serves. `none`: no catalog (zones are still Master zones; each secondary is then told of each zone some other way).',
  },
  {
    name: 'SECONDARIES',
    kind: 'host-port-list',
    default: '',
    group: 'Secondaries',
    example: '192.0.2.53:53,198.51.100.53',
    description:
      'DNS addresses (host or host:port) of the secondaries. PowerDNS notifies them and lets them transfer (its `also-notify` and `allow-axfr-ips`, which `scaidns doctor` checks against this list); the worker asks each for the serials of the served zones and reports how far it lags (readiness, doctor, metrics). Empty: no secondaries.',
  },
  {
    name: 'SECONDARY_PDNS_API_URLS',
    kind: 'secret',
    default: '',
    group: 'Secondaries',
    example: 'http://:api-key@192.0.2.53:8081',
    description:
      "Optional: the HTTP APIs of secondaries that are PowerDNS servers, comma-separated, each with its API key as the URL's password (`http://:KEY@host:port`). After a change ScaiDNS asks each to transfer the zone (and the catalog) at once instead of waiting for NOTIFY. Other secondaries (BIND, Knot) follow NOTIFY.",
  },
  {
    name: 'SECONDARY_TSIG_KEY_NAME',
    kind: 'string',
    default: '',
    group: 'Secondaries',
    description:
      "Optional: the TSIG key (HMAC-SHA256) secondaries sign their transfers with. ScaiDNS creates it in PowerDNS when it is missing (`scaidns secondaries` prints its secret for the secondaries' configuration) and allows it on the catalog and on every zone (TSIG-ALLOW-AXFR; PowerDNS then signs its NOTIFYs with it too). Empty: transfers are allowed by address only.",
  },
  {
    name: 'SECONDARY_CHECK_INTERVAL_SECONDS',
    kind: 'int',
    default: '30',
    min: 1,
    max: 86400,
    group: 'Secondaries',
    description:
      "How often the worker compares the serials each secondary serves with the primary's (seconds): only zones whose serial moved since a secondary last had it are asked about.",
  },
  {
    name: 'DRIFT_SCAN_INTERVAL_SECONDS',
    kind: 'int',
    default: '300',
    min: 0,
    max: 86400,
    group: 'Drift',
    description:
      "How often the worker looks for edits made in PowerDNS behind ScaiDNS's back (rrsets that differ from what ScaiDNS last committed, zones it does not know, active zones that are missing); each finding is audited once as zone.drift. 0: only on demand (`scaidns drift`, POST /admin/drift/scan).",
  },
  {
    name: 'PDNS_DATABASE_URL',
    kind: 'database-url',
    group: 'Drift',
    example: 'mysql://scaidns_ro:password@127.0.0.1:3306/pdns',
    description:
      "Optional, read-only: PowerDNS's own gmysql database. With it a drift scan asks MariaDB for one fingerprint per zone and reads from PowerDNS only the zones whose fingerprint or ScaiDNS revision moved; without it every zone is read through the API on each scan. ScaiDNS never writes it.",
  },
  {
    name: 'DNSSEC_DEFAULT_ALGORITHM',
    kind: 'enum',
    values: ['8', '10', '13', '14', '15'],
    default: '13',
    group: 'DNSSEC',
    description: 'Default DNSSEC algorithm (13 = ECDSA P-256).',
  },
  {
    name: 'DNSSEC_KSK_LIFETIME_DAYS',
    kind: 'int',
    default: '365',
    min: 1,
    group: 'DNSSEC',
    description: 'KSK lifetime (days).',
  },
  {
    name: 'DNSSEC_ZSK_LIFETIME_DAYS',
    kind: 'int',
    default: '30',
    min: 1,
    group: 'DNSSEC',
    description: 'ZSK lifetime (days).',
  },
  {
    name: 'DNSSEC_PROPAGATION_DELAY_SECONDS',
    kind: 'int',
    default: '3600',
    min: 0,
    group: 'DNSSEC',
    description:
      "Added to every rollover wait on top of the zone's own TTLs: how long a change takes to reach every nameserver of the zone (secondaries included), plus a safety margin (seconds).",
  },
  {
    name: 'DNSSEC_ROLL_CHECK_INTERVAL_SECONDS',
    kind: 'int',
    default: '300',
    min: 1,
    max: 86400,
    group: 'DNSSEC',
    description:
      'How often the worker takes the key-rollover steps that are due and asks parents whether an awaited DS is published (seconds).',
  },
];
