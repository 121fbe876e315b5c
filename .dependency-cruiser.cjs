/**
 * The layering check: libs depend downward only
 *   core <- pdns-client, audit <- identity <- zones <- domains <- records <- templates <- dnssec
 * through each lib's index.ts; no cycles anywhere; libs never import apps or test tooling.
 * PowerDNS's PATCH (libs/pdns-client/src/zone-patch.ts) is reachable from the zone writer alone.
 * The typed HTTP client (libs/api-client) is a leaf beside them: only the web UI (apps/web) and
 * tests use it, and the web UI uses nothing else of ours.
 */
const ORDER = [
  'core',
  'pdns-client',
  'audit',
  'identity',
  'zones',
  'domains',
  'records',
  'templates',
  'dnssec',
];
// What each lib may import (besides itself).
const ALLOWED = {
  core: [],
  'pdns-client': ['core'],
  audit: ['core'],
  identity: ['core', 'pdns-client', 'audit'],
  zones: ['core', 'pdns-client', 'audit', 'identity'],
  domains: ['core', 'pdns-client', 'audit', 'identity', 'zones'],
  records: ['core', 'pdns-client', 'audit', 'identity', 'zones', 'domains'],
  templates: ['core', 'pdns-client', 'audit', 'identity', 'zones', 'domains', 'records'],
  dnssec: ['core', 'pdns-client', 'audit', 'identity', 'zones', 'domains', 'records', 'templates'],
};

/** The PATCH entry of the PowerDNS client. */
const ZONE_PATCH = '^libs/pdns-client/src/zone-patch\\.ts$';

const layerRules = ORDER.map((lib) => {
  const forbidden = ORDER.filter((other) => other !== lib && !ALLOWED[lib].includes(other));
  return {
    name: `layering-${lib}`,
    severity: 'error',
    comment: `libs/${lib} may only depend on: ${ALLOWED[lib].join(', ') || 'nothing else'}`,
    from: { path: `^libs/${lib}/` },
    to: forbidden.length ? { path: `^libs/(${forbidden.join('|')})/` } : { path: '^$' },
  };
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'no-deep-lib-import',
      severity: 'error',
      comment: 'Import another lib only through its index.ts (@app/<lib>).',
      from: { path: '^(apps|libs/([^/]+))/' },
      to: {
        path: '^libs/([^/]+)/src/(?!index\\.ts$)',
        pathNot: ['^libs/$2/', ZONE_PATCH],
      },
    },
    {
      name: 'one-zone-writer',
      severity: 'error',
      comment:
        "Only the zone writer (libs/zones/src/write/zone-writer.ts) may send PowerDNS's PATCH: every change to a zone's rrsets goes through its lock, working set and rules.",
      from: { pathNot: ['^libs/zones/src/write/zone-writer\\.ts$', '^libs/pdns-client/'] },
      to: { path: ZONE_PATCH },
    },
    {
      name: 'libs-not-importing-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|test|bench)/' },
    },
    {
      name: 'apps-not-importing-test-tooling',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'api-client-leaf',
      severity: 'error',
      comment:
        'The typed client (libs/api-client) is for the web UI, tests and scripts: the API, worker, CLI and the Nest libs never import it.',
      from: { pathNot: ['^apps/web/', '^libs/api-client/', '^(test|bench)/'] },
      to: { path: '^libs/api-client/' },
    },
    {
      name: 'api-client-self-contained',
      severity: 'error',
      comment:
        'The typed client depends on nothing of ours but its generated schema, so anyone scripting ScaiDNS can take it.',
      from: { path: '^libs/api-client/' },
      to: { path: '^(apps|test|bench)/|^libs/(?!api-client/)' },
    },
    {
      name: 'web-through-the-api',
      severity: 'error',
      comment:
        'The web UI talks to ScaiDNS over HTTP through the typed client only, never through the Nest apps or libs.',
      from: { path: '^apps/web/' },
      to: { path: '^apps/(?!web/)|^libs/(?!api-client/)|^(test|bench)/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
