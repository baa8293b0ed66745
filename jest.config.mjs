/**
 * Integration tests against a real database server, started once for the run
 * by test/helpers/globalSetup.ts. Run through `npm test` (scripts/test.ts),
 * which passes --experimental-vm-modules: Payload is ESM-only.
 */
/** @type {import('jest').Config} */
const config = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  globalSetup: '<rootDir>/test/helpers/globalSetup.ts',
  globalTeardown: '<rootDir>/test/helpers/globalTeardown.ts',
  moduleNameMapper: {
    '\\.(css|scss)$': '<rootDir>/test/helpers/emptyModule.js',
  },
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  testTimeout: 60_000,
  // A guard only: a suite whose Payload fails to start closes the connection it opened
  // (test/helpers/startPayloadForSuite.ts, test/database/failedSuiteStart.spec.ts), so nothing should
  // be left running; should anything else be, the run still ends, with its counts, once every suite has finished.
  forceExit: true,
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          target: 'es2022',
          transform: { react: { runtime: 'automatic' } },
        },
        module: { type: 'es6' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/'],
}

export default config
