/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  // Servers and child processes are always shut down by the tests themselves; this only
  // keeps a regression from hanging CI. Generous, because a test that starts a gateway three times
  // (persistence) took over 20 s on a shared 2-core machine under load.
  testTimeout: 60000,
};
