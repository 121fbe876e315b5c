import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigValidationError, loadConfig } from './app-config';
import { parseDatabaseUrl } from './database-url';
import { renderConfigTable, renderEnvExample } from './env-example';
import { ENV_SCHEMA } from './env.schema';

const VALID: NodeJS.ProcessEnv = {
  DATABASE_URL: 'mysql://scaidns:secret@127.0.0.1:3306/scaidns',
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  PDNS_API_URL: 'http://127.0.0.1:8081',
  PDNS_API_KEY: 'pdns-key',
  SCAIKEY_URL: 'https://scaikey.example.com',
  SCAIKEY_CLIENT_ID: 'client',
  SCAIKEY_CLIENT_SECRET: 'client-secret',
  SCAIKEY_APPLICATION_ID: 'app_1',
  SCAIKEY_WEBHOOK_SECRET: 'whsec',
  EXTERNAL_URL: 'https://scaidns.example.com',
  SESSION_SECRET: 'a-session-secret-long-enough',
  API_KEY_PEPPER: 'a-pepper-that-is-long-enough',
};

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the deployment guide defaults', () => {
    const config = loadConfig(VALID);
    expect(config.environment).toBe('production');
    expect(config.http.port).toBe(8000);
    expect(config.pdns.serverId).toBe('localhost');
    expect(config.database.poolSize).toBe(20);
    expect(config.redis.maxConnections).toBe(20);
    expect(config.worker.concurrency).toBe(10);
    expect(config.scaikey.tokenCacheTtlSeconds).toBe(60);
    expect(config.scaikey.jwksCacheTtlSeconds).toBe(3600);
    expect(config.validation.challengeTtlSeconds).toBe(3600);
    expect(config.validation.expiryHours).toBe(72);
    expect(config.validation.checkIntervalSeconds).toBe(60);
    expect(config.rateLimit).toEqual({
      userPerMinute: 1000,
      apiKeyPerMinute: 100,
      authFailuresPerMinute: 30,
    });
    expect(config.dnssec).toEqual({
      defaultAlgorithm: 13,
      kskLifetimeDays: 365,
      zskLifetimeDays: 30,
      propagationDelaySeconds: 3600,
      rollCheckIntervalSeconds: 300,
    });
    expect(config.http.corsOrigins).toEqual([]);
    expect(config.log).toEqual({ level: 'info', format: 'text' });
    expect(config.metricsEnabled).toBe(false);
    expect(config.debug).toBe(false);
  });

  it('names every missing required variable, one line each', () => {
    const problems = problemsOf({});
    const required = ENV_SCHEMA.filter((s) => s.required || s.requiredOutsideDevelopment);
    expect(problems).toHaveLength(required.length);
    for (const spec of required) {
      expect(problems.some((p) => p.startsWith(`${spec.name} is required`))).toBe(true);
    }
  });

  it('reports a missing DATABASE_URL by name', () => {
    const { DATABASE_URL: _omit, ...env } = VALID;
    expect(problemsOf(env)).toEqual([expect.stringMatching(/^DATABASE_URL is required/)]);
  });

  it('lets development run without ScaiKey', () => {
    const env: NodeJS.ProcessEnv = { ...VALID, ENVIRONMENT: 'development' };
    for (const key of Object.keys(env)) if (key.startsWith('SCAIKEY_')) delete env[key];
    const config = loadConfig(env);
    expect(config.scaikey.url).toBe('');
    expect(problemsOf({ ...env, ENVIRONMENT: 'staging' })).toHaveLength(5);
  });

  it('reports malformed values with the variable and the reason', () => {
    const problems = problemsOf({
      ...VALID,
      PORT: 'eighty',
      DEBUG: 'maybe',
      LOG_FORMAT: 'xml',
      REDIS_URL: 'http://localhost',
      CORS_ORIGINS: '[1,2]',
      PDNS_API_URL: 'not a url',
      API_KEY_PEPPER: 'short',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^REDIS_URL must use redis:\/\/ or rediss:\/\//),
      expect.stringMatching(/^PDNS_API_URL is not a URL/),
      expect.stringMatching(/^API_KEY_PEPPER must be at least 16 characters/),
      expect.stringMatching(/^DEBUG must be true or false/),
      expect.stringMatching(/^LOG_FORMAT must be one of text, json/),
      expect.stringMatching(/^PORT must be a whole number/),
      expect.stringMatching(/^CORS_ORIGINS must be a JSON array/),
    ]);
  });

  it('checks ranges and cross-field rules', () => {
    expect(problemsOf({ ...VALID, PORT: '70000' })).toEqual(['PORT must be at most 65535']);
    expect(problemsOf({ ...VALID, RECORD_TTL_MIN: '600', RECORD_TTL_MAX: '300' })).toEqual([
      'RECORD_TTL_MIN (600) must not exceed RECORD_TTL_MAX (300)',
    ]);
  });

  it('parses lists as JSON arrays or comma lists, and resolvers with ports', () => {
    const config = loadConfig({
      ...VALID,
      CORS_ORIGINS: '["https://a.example","https://b.example"]',
      TRUSTED_PROXIES: '10.0.0.0/8, 192.168.1.1',
      VALIDATION_RESOLVERS: '127.0.0.1:5301,[::1]:5302,9.9.9.9',
      LOG_LEVEL: 'warning',
    });
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.http.trustedProxies).toEqual(['10.0.0.0/8', '192.168.1.1']);
    expect(config.validation.resolvers).toEqual([
      { host: '127.0.0.1', port: 5301 },
      { host: '::1', port: 5302 },
      { host: '9.9.9.9', port: 53 },
    ]);
    expect(config.log.level).toBe('warn');
  });

  it('turns RFC 2136 updates on only with PDNS_DNS_UPDATE_ADDRESS, one host:port', () => {
    expect(loadConfig(VALID).pdns.dnsUpdate).toBeNull();
    expect(
      loadConfig({ ...VALID, PDNS_DNS_UPDATE_ADDRESS: '127.0.0.1:5300' }).pdns.dnsUpdate,
    ).toEqual({
      address: { host: '127.0.0.1', port: 5300 },
      keyName: 'scaidns-control',
      allowFrom: ['127.0.0.0/8', '::1/128'],
    });
    expect(
      loadConfig({ ...VALID, PDNS_DNS_UPDATE_ADDRESS: 'pdns.internal' }).pdns.dnsUpdate?.address,
    ).toEqual({
      host: 'pdns.internal',
      port: 53,
    });
    expect(problemsOf({ ...VALID, PDNS_DNS_UPDATE_ADDRESS: '127.0.0.1:53,127.0.0.2:53' })).toEqual([
      'PDNS_DNS_UPDATE_ADDRESS must be one host or host:port',
    ]);
    expect(problemsOf({ ...VALID, PDNS_DNS_UPDATE_ADDRESS: '127.0.0.1:99999' })).toEqual([
      expect.stringMatching(/^PDNS_DNS_UPDATE_ADDRESS has an invalid port/),
    ]);
  });

  it('reads the secondaries: a catalog by default, no secondaries, API keys out of the URLs', () => {
    expect(loadConfig(VALID).secondaries).toEqual({
      catalogZone: 'catalog.scaidns.invalid.',
      dns: [],
      pdnsApis: [],
      tsigKeyName: null,
      checkIntervalSeconds: 30,
    });
    const config = loadConfig({
      ...VALID,
      PDNS_CATALOG_ZONE: 'Catalog.Example.',
      SECONDARIES: '192.0.2.53, 127.0.0.1:5301',
      SECONDARY_PDNS_API_URLS: 'http://:k%40y@127.0.0.1:8082/, https://:other@ns2.example.com',
      SECONDARY_TSIG_KEY_NAME: 'xfr',
    }).secondaries;
    expect(config).toMatchObject({
      catalogZone: 'catalog.example.',
      dns: [
        { host: '192.0.2.53', port: 53 },
        { host: '127.0.0.1', port: 5301 },
      ],
      pdnsApis: [
        { url: 'http://127.0.0.1:8082', apiKey: 'k@y' },
        { url: 'https://ns2.example.com', apiKey: 'other' },
      ],
      tsigKeyName: 'xfr.',
    });
    expect(loadConfig({ ...VALID, PDNS_CATALOG_ZONE: '' }).secondaries.catalogZone).toBe(
      'catalog.scaidns.invalid.',
    );
    expect(loadConfig({ ...VALID, PDNS_CATALOG_ZONE: 'none' }).secondaries.catalogZone).toBeNull();
  });

  it('refuses a secondary API URL without a key, never echoing the others', () => {
    expect(
      problemsOf({ ...VALID, SECONDARY_PDNS_API_URLS: 'http://:secret@a:1,http://b:8081' }),
    ).toEqual(['SECONDARY_PDNS_API_URLS entry 2 has no API key (http://:KEY@host:port)']);
    expect(problemsOf({ ...VALID, SECONDARY_PDNS_API_URLS: 'ftp://:k@a' })).toEqual([
      'SECONDARY_PDNS_API_URLS entry 1 must use http:// or https://',
    ]);
  });

  it('reads the drift settings: PowerDNS database optional', () => {
    expect(loadConfig(VALID).drift).toEqual({ scanIntervalSeconds: 300, pdnsDatabase: null });
    expect(
      loadConfig({ ...VALID, PDNS_DATABASE_URL: 'mysql://ro:pw@127.0.0.1:3306/pdns' }).drift
        .pdnsDatabase,
    ).toMatchObject({ host: '127.0.0.1', database: 'pdns', username: 'ro' });
  });
});

describe('parseDatabaseUrl', () => {
  it.each([
    'mysql://u:p%40ss@db.internal:3307/scaidns',
    'mysql+asyncmy://u:p%40ss@db.internal:3307/scaidns',
    'mariadb://u:p%40ss@db.internal:3307/scaidns',
  ])('accepts %s', (url) => {
    expect(parseDatabaseUrl(url)).toEqual({
      host: 'db.internal',
      port: 3307,
      username: 'u',
      password: 'p@ss',
      database: 'scaidns',
    });
  });

  it('defaults the port to 3306', () => {
    expect(parseDatabaseUrl('mysql://root@localhost/x')).toMatchObject({
      port: 3306,
      password: '',
    });
  });

  it.each([
    ['postgres://u@h/db', /scheme "postgres"/],
    ['mysql://u@h', /must name one database/],
    ['nonsense', /is not a URL/],
  ])('refuses %s', (url, reason) => {
    expect(parseDatabaseUrl(url)).toMatch(reason);
  });
});

describe('generated documentation', () => {
  it('README.md carries the configuration table of the schema (`npm run env:example`)', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    expect(readme).toContain(renderConfigTable());
  });

  it('is generated from the schema (run `npm run env:example` after changing it)', () => {
    const committed = readFileSync(join(__dirname, '../../../../.env.example'), 'utf8');
    expect(committed).toBe(renderEnvExample());
  });
});
