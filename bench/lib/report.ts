import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(__dirname, '../../docs/benchmarks.md');
const HEADER = `# Benchmarks

Figures measured by \`npm run bench\` (every benchmark) or one benchmark's own script; each section is
rewritten by its benchmark and says how to re-run it. Machines differ: compare figures from one machine.
`;

/**
 * Replaces (or appends) this benchmark's section of docs/benchmarks.md, leaving the others alone. A section
 * runs from its `## ` heading to the next one. Written to a temporary file and renamed into place.
 */
export function writeSection(title: string, body: string): string {
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const heading = `## ${title}`;
  const sections = current.split(/\n(?=## )/);
  const text = `${heading}\n\n${body.trim()}\n`;
  const index = sections.findIndex((s) => s.startsWith(heading));
  if (index >= 0) sections[index] = text;
  else sections.push(text);
  const next = sections.map((s) => s.trimEnd()).join('\n\n') + '\n';
  writeFileSync(`${FILE}.tmp`, next);
  renameSync(`${FILE}.tmp`, FILE);
  return FILE;
}
