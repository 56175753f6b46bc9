// `npm run record:verify -- <record.json> [--key <public.pem>]`: verifies a downloaded record of proceedings
// offline — every entry's hash and link, `seq` 1…n, the head, and with --key the Ed25519 signature.
// Prints `record OK: <n> entries, head <hash>` (exit 0) or one line naming what fails (exit 1).
import { readFileSync } from 'node:fs';
// A relative import: the fast loader this runs under (package.json) has no path aliases.
import { verifyRecord } from '../libs/record/src';

const USAGE = 'usage: npm run record:verify -- <record.json> [--key <public.pem>]';

function fail(message: string): never {
  process.stderr.write(`record FAILED: ${message}\n`);
  process.exit(1);
}

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    fail(`cannot read the ${what} ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

function parseArgs(argv: string[]): { file: string; keyFile?: string } {
  const keyAt = argv.indexOf('--key');
  const keyFile = keyAt >= 0 ? argv[keyAt + 1] : undefined;
  const rest = argv.filter((_, i) => keyAt < 0 || (i !== keyAt && i !== keyAt + 1));
  if (rest.length !== 1 || (keyAt >= 0 && !keyFile)) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(1);
  }
  return { file: rest[0], keyFile };
}

const { file, keyFile } = parseArgs(process.argv.slice(2));
const text = read(file, 'record');
let record: unknown;
try {
  record = JSON.parse(text);
} catch {
  fail(`${file} is not JSON (truncated, or not a record downloaded from /api/panels/:id/record)`);
}
const check = verifyRecord(record, keyFile === undefined ? undefined : read(keyFile, 'key'));
if (!check.ok) fail(check.error);
process.stdout.write(`record OK: ${check.entries} entries, head ${check.head.hash}\n`);
if (!check.signatureChecked) {
  process.stdout.write(
    'signature not checked: give the signer’s public key with --key (GET /api/record/keys)\n',
  );
}
