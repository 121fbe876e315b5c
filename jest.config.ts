import type { Config } from 'jest';

const moduleNameMapper = {
  '^@app/pdns-client/zone-patch$': '<rootDir>/libs/pdns-client/src/zone-patch.ts',
  '^@app/(core|pdns-client|audit|identity|zones|domains|records|templates|dnssec|api-client)$':
    '<rootDir>/libs/$1/src',
};
const transform: Config['transform'] = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', diagnostics: false }],
};

const config: Config = {
  // Per-project testTimeout is ignored by jest 30; e2e tests start processes and wait on DNS.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
      moduleNameMapper,
      transform,
    },
    {
      displayName: 'e2e',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      moduleNameMapper,
      transform,
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFiles: ['<rootDir>/test/support/load-env.ts'],
    },
  ],
};

export default config;
