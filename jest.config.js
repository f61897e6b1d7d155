/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@pm/event-store(|/.*)$': '<rootDir>/libs/event-store/src$1',
    '^@pm/platform(|/.*)$': '<rootDir>/libs/platform/src$1',
    '^@pm/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
    '^@pm/projections(|/.*)$': '<rootDir>/libs/projections/src$1',
    '^@pm/simulator(|/.*)$': '<rootDir>/libs/simulator/src$1',
    '^@pm/replay(|/.*)$': '<rootDir>/libs/replay/src$1',
    '^@pm/commands(|/.*)$': '<rootDir>/libs/commands/src$1',
    '^@pm/charts(|/.*)$': '<rootDir>/libs/charts/src$1',
  },
  globalSetup: '<rootDir>/test/support/jest.global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/jest.global-teardown.mjs',
  testTimeout: 30000,
};
