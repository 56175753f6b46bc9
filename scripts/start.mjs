#!/usr/bin/env node
// `npm start` (api + worker), `npm run start:api`, `npm run start:worker`: build when the sources are newer
// than the last build, prepare the database, then run the processes and stop them together.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const which = process.argv[2] ?? 'all';
const stamp = join(root, 'dist', '.build-stamp');
const ENTRY = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' };

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIfNeeded() {
  const sources = ['apps', 'libs', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((p) =>
    join(root, p),
  );
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (Math.max(...sources.map(newestMtime)) <= built) return;
  console.log('[rostrum] building…');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}

async function prepareDatabase() {
  const require = createRequire(import.meta.url);
  const { loadConfigOrExit, withoutPassword } = require(join(root, 'dist/libs/config/src'));
  const { prepareDatabase } = require(join(root, 'dist/libs/database/src'));
  const config = loadConfigOrExit();
  try {
    await prepareDatabase(config.databaseUrl);
  } catch (err) {
    const at = withoutPassword(config.databaseUrl);
    console.error(`[rostrum] cannot prepare the database at ${at}: ${err.message}`);
    process.exit(1);
  }
}

// Node 24 is the runtime (package.json engines); `. scripts/node-env.sh` puts it first on PATH where the system's is older.
const major = Number(process.versions.node.split('.')[0]);
console.log(`[rostrum] Node ${process.version}`);
if (major < 24)
  console.warn('[rostrum] this project runs on Node ≥ 24: `. scripts/node-env.sh` first (see README)');

buildIfNeeded();
if (which !== 'worker') await prepareDatabase();

const names = which === 'all' ? ['api', 'worker'] : [which];
const children = names.map((name) =>
  spawn(process.execPath, [join(root, ENTRY[name])], { cwd: root, stdio: 'inherit' }),
);
let stopping = false;
const stopAll = (signal) => {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[rostrum] a process exited (code ${code}); stopping the others`);
      stopAll('SIGTERM');
    }
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null))
      process.exit(stopping ? 0 : (code ?? 1));
  });
}
