/**
 * The layering check: libs depend downward only
 *   core <- pdns-client, audit <- identity <- domains <- records <- dnssec
 * through each lib's index.ts; no cycles anywhere; libs never import apps or test tooling.
 */
const ORDER = ['core', 'pdns-client', 'audit', 'identity', 'domains', 'records', 'dnssec'];
// What each lib may import (besides itself).
const ALLOWED = {
  core: [],
  'pdns-client': ['core'],
  audit: ['core'],
  identity: ['core', 'pdns-client', 'audit'],
  domains: ['core', 'pdns-client', 'audit', 'identity'],
  records: ['core', 'pdns-client', 'audit', 'identity', 'domains'],
  dnssec: ['core', 'pdns-client', 'audit', 'identity', 'domains', 'records'],
};

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
      to: { path: '^libs/([^/]+)/src/(?!index\\.ts$)', pathNot: '^libs/$2/' },
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
