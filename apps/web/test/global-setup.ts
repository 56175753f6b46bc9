// The browser tests' setup: the test database template (as for every e2e test), and a build of the web app
// when its sources are newer than apps/web/dist — the API under test serves that build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import createTemplateDatabase from '../../../libs/testing/src/global-setup';

const root = join(__dirname, '../../..');
const SOURCES = [
  'apps/web/src',
  'apps/web/public',
  'apps/web/index.html',
  'apps/web/vite.config.mts',
  'libs/contracts/src',
];

export default async function globalSetup(): Promise<void> {
  buildWebAppIfStale();
  await createTemplateDatabase();
}

export function buildWebAppIfStale(): void {
  const built = join(root, 'apps/web/dist/index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (Math.max(...SOURCES.map((p) => newestMtime(join(root, p)))) <= builtAt) return;
  const vite = join(root, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('building the web app failed (see above)');
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce(
    (newest, entry) => Math.max(newest, newestMtime(join(path, entry))),
    st.mtimeMs,
  );
}
