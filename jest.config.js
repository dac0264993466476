/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Servers and child processes are always shut down by the tests themselves; this only
  // keeps a regression from hanging CI.
  testTimeout: 20000,
};
