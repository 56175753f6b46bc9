// jest's globalSetup runs outside the test sandbox, without moduleNameMapper: resolve @rostrum/* from tsconfig.
import { register } from 'tsconfig-paths';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
register({ baseUrl: root, paths: tsconfig.compilerOptions.paths });

export default async function globalSetup(): Promise<void> {
  const { createTemplateDatabase } = await import('./test-database');
  await createTemplateDatabase();
}
