/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook, loaded with node -r */
// A minimal require hook for TypeScript (@swc/core; no tsconfig, so no `@rostrum/*` aliases: import libs by
// relative path), for command-line tools that must start fast — `@swc-node/register` loads the TypeScript
// compiler to read tsconfig.json, a quarter of a second of CPU before the tool's first line.
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
