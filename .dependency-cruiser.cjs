/**
 * The layering check: libs depend downward only
 *   core <- pdns-client, audit <- identity <- zones <- domains <- records <- templates <- dnssec
 * through each lib's index.ts; no cycles anywhere; libs never import apps or test tooling.
 * PowerDNS's PATCH (libs/pdns-client/src/zone-patch.ts) is reachable from the zone writer alone.
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
