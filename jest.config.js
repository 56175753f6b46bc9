/** One jest run for unit, integration and end-to-end tests, against real PostgreSQL and Redis. */
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleNameMapper: {
    '^@rostrum/(contracts|config|database|testing)(/.*)?$': '<rootDir>/libs/$1/src$2',
    '^@rostrum/recordings(/.*)?$': '<rootDir>/libs/recordings/src$1',
  },
  testMatch: [
    '<rootDir>/{apps,libs}/**/*.spec.ts',
    '<rootDir>/{apps,libs}/*/test/**/*.e2e-spec.ts',
    '<rootDir>/scripts/test/*.e2e-spec.ts',
  ],
  // NestJS 12 and a few of its dependencies ship ESM only; jest's CommonJS runtime needs them transformed.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|load-esm)/)',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  testTimeout: 30_000,
  maxWorkers: 2,
};
