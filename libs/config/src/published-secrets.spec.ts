import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_SECRETS } from './published-secrets';

const ROOT = join(__dirname, '../../..');

/**
 * Secret-looking values written in the repository: long tokens with "secret" in them, values given to a
 * secret variable (`JWT_SECRET=…`, `api_secret: …`, `apiSecret: '…'`, a `${…_SECRET:-default}`), and the
 * entries of LiveKit's `keys:` map.
 */
function secretsWrittenIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z0-9_+=][A-Za-z0-9_+=-]{31,}/g))
    if (/secret/i.test(m[0])) found.add(m[0]);
  const assigned = /(?:_SECRET|api_?secret)['"]?\s*[:=]\s*['"]?([A-Za-z0-9_+=/][A-Za-z0-9_+=/-]{15,})/gi;
  for (const m of text.matchAll(assigned)) found.add(m[1]);
  for (const m of text.matchAll(/\$\{\w*SECRET\w*:-([^}]+)\}/g)) found.add(m[1]);
  for (const block of text.matchAll(/^keys:\n((?:[ \t]+\S+:\s*\S+\n?)+)/gm)) {
    for (const m of block[1].matchAll(/:\s*(\S+)/g)) found.add(m[1]);
  }
  // Shorter values are refused anyway: both secrets must be at least 32 characters.
  return [...found].filter((v) => v.length >= 32);
}

describe('published secrets', () => {
  it('should list every secret written in the repository, so production refuses each', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && !/\.(png|jpe?g|ico|mp4|woff2?)$|package-lock\.json$/.test(f))
      .filter((f) => f !== 'libs/config/src/published-secrets.spec.ts'); // its samples test the detector below
    const missing: string[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        continue; // listed but deleted in this checkout
      }
      for (const secret of secretsWrittenIn(text)) {
        if (!PUBLISHED_SECRETS.has(secret)) missing.push(`${file}: ${secret}`);
      }
    }
    // A new test or example secret: add it to PUBLISHED_SECRETS (libs/config/src/published-secrets.ts).
    expect(missing).toEqual([]);
  });

  it('should find the kinds of secret the repository writes', () => {
    const sample = [
      "JWT_SECRET: 'abcdefghijklmnopqrstuvwxyz0123456789'",
      'api_secret: some-livekit-secret-value-0123456789',
      'LIVEKIT_API_SECRET: ${LIVEKIT_API_SECRET:-compose-default-value-0123456789abcdef}',
      'keys:\n  APIkey: key-map-value-0123456789-0123456789\n',
      "const x = 'a-long-token-with-secret-in-it-0123456789';",
    ].join('\n');
    expect(secretsWrittenIn(sample).sort()).toEqual(
      [
        'abcdefghijklmnopqrstuvwxyz0123456789',
        'some-livekit-secret-value-0123456789',
        'compose-default-value-0123456789abcdef',
        'key-map-value-0123456789-0123456789',
        'a-long-token-with-secret-in-it-0123456789',
      ].sort(),
    );
  });
});
