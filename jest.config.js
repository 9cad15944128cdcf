/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/consumer/app is a user's cdk8s app with its own jest (run by `npm run test:consumer`).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/consumer/'],
  modulePathIgnorePatterns: ['<rootDir>/test/consumer/', '<rootDir>/build/'],
  // Types are checked by `tsc --noEmit` in `npm test`; the transform only strips them, with esbuild
  // (whole suite cold 3.6-4.4 s vs ts-jest 4.3-4.9 s on this machine; @swc/jest was faster still but
  // @swc/core's platform packages are not all on the registry here, so its lock breaks `npm ci`).
  // Modules' sources read once per worker, not once per test file (see the file).
  runtime: '<rootDir>/scripts/jest-runtime.js',
  transform: { '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js' },
  setupFiles: ['<rootDir>/test/setup.ts'],
  testSequencer: '<rootDir>/scripts/jest-sequencer.js',
  // The run's own temporary directory, removed at the end (cdk8s' Testing.app() leaves one per app).
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  globalTeardown: '<rootDir>/scripts/jest-global-teardown.js',
  // Whole-app synth tests take a few seconds on a busy 2-core machine; the default 5 s is too tight.
  testTimeout: 30000,
  moduleFileExtensions: ['ts', 'js', 'json'],
};
