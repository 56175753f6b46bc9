/** One jest run for unit, integration and end-to-end tests, against real PostgreSQL and Redis. */
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

/** The API, worker and libs: unit, integration and end-to-end tests in node. */
const node = {
  displayName: 'node',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleNameMapper: {
    '^@rostrum/(contracts|config|database|record|testing)(/.*)?$': '<rootDir>/libs/$1/src$2',
    '^@rostrum/recordings(/.*)?$': '<rootDir>/libs/recordings/src$1',
    '^@rostrum/test-harness(/.*)?$': '<rootDir>/test/harness$1',
  },
  testMatch: [
    '<rootDir>/{apps,libs,test}/**/*.spec.ts',
    '<rootDir>/{apps,libs}/*/test/**/*.e2e-spec.ts',
    '<rootDir>/scripts/test/*.e2e-spec.ts',
  ],
  // NestJS 12 and a few of its dependencies ship ESM only; jest's CommonJS runtime needs them transformed.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|load-esm|iso-639-2)/)',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/', '\\.faults\\.e2e-spec\\.ts$'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  testTimeout: 30_000,
  // maxWorkers: 2 moved to the root below: jest takes it only for the whole run when there are projects.
};

/** The web app's components (React, in jsdom). */
const webComponents = {
  displayName: 'web',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@rostrum/contracts$': '<rootDir>/libs/contracts/src',
    '\\.css$': '<rootDir>/apps/web/src/test-support/style-stub.ts',
  },
  testMatch: ['<rootDir>/apps/web/src/**/*.spec.tsx'],
  setupFilesAfterEnv: ['<rootDir>/apps/web/src/test-support/setup-dom.ts'],
};

/** The web app in a real browser (Debian's Chromium) against the real API; builds the app first when stale. */
const webBrowser = {
  ...node,
  displayName: 'web-browser',
  testMatch: ['<rootDir>/apps/web/test/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/apps/web/test/global-setup.ts',
  // jest reads `testTimeout` only for the whole run (30 s, below), so each project that needs longer sets it here.
  setupFilesAfterEnv: ['<rootDir>/test/harness/long-test-timeout.ts'],
};

/**
 * The fault tests (Redis, PostgreSQL, an API instance or a worker taken down under load): real processes,
 * recoveries within time bounds. `npm test` runs them after the rest, one file at a time (`--runInBand`), so
 * a recovery is not measured while another suite has both cores.
 */
const faults = {
  ...node,
  displayName: 'faults',
  testMatch: ['<rootDir>/apps/*/test/faults/*.faults.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFilesAfterEnv: ['<rootDir>/test/harness/long-test-timeout.ts'],
};

/**
 * `jest --selectProjects web-browser apps/web/test/x.e2e-spec.ts` reads the path as one more project name and
 * quietly runs every browser test (ten minutes of two cores). A path is never a project name: such arguments
 * narrow the selected projects to those files, as they would after `--`.
 */
function filesNamedAfterSelectProjects(argv) {
  const at = argv.indexOf('--selectProjects');
  if (at < 0) return [];
  const names = [];
  for (const arg of argv.slice(at + 1)) {
    if (arg.startsWith('-')) break;
    names.push(arg);
  }
  return names.filter((name) => name.includes('/'));
}
const namedFiles = filesNamedAfterSelectProjects(process.argv);
const projects = [node, webComponents, webBrowser, faults].map((project) =>
  namedFiles.length === 0
    ? project
    : { ...project, testMatch: namedFiles.map((file) => `<rootDir>/${file.replace(/^\.\//, '')}*`) },
);

module.exports = { projects, maxWorkers: 2, testTimeout: 30_000 };
