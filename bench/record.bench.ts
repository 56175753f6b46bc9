// `npm run bench:record`: `npm run record:verify` of a 100,000-entry record (size with BENCH_RECORD_ENTRIES),
// as a user runs it (its own process, --key given), and the verification alone in this process. Target: < 2 s.
// Writes its section of docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chainEntries, keyIdOf, RecordEntryContent, signHead, verifyRecord } from '@rostrum/record';
import { writeSection } from './lib/report';

const ENTRIES = Number(process.env.BENCH_RECORD_ENTRIES ?? 100_000);
const RUNS = 3;
const TARGET_MS = 2000;
const TIME = '/usr/bin/time';

/** A long day of proceedings: requests, grants, speeches and Q&A votes, with the details the floor writes. */
function proceedings(panelId: string, n: number): Omit<RecordEntryContent, 'seq' | 'prevHash'>[] {
  const start = Date.UTC(2026, 10, 4, 9);
  const delegates = Array.from({ length: 200 }, (_, i) => ({
    id: randomUUID(),
    name: `Delegate ${i} — Délégué 代表`,
    role: 'delegate',
  }));
  const moderator = { id: randomUUID(), name: 'Chair', role: 'moderator' };
  return Array.from({ length: n }, (_, i) => {
    const delegate = delegates[i % delegates.length];
    const at = new Date(start + i * 250).toISOString();
    const interventionId = randomUUID();
    switch (i % 4) {
      case 0:
        return {
          panelId,
          at,
          actor: delegate,
          action: 'floor:request',
          interventionId,
          questionId: null,
          detail: { before: null, after: { status: 'queued', kind: 'statement', position: (i % 40) + 1 } },
        };
      case 1:
        return {
          panelId,
          at,
          actor: moderator,
          action: 'speech:started',
          interventionId,
          questionId: null,
          detail: {
            delegateId: delegate.id,
            delegateName: delegate.name,
            delegationId: randomUUID(),
            delegationName: 'Brazil',
            delegationCode: 'BRA',
            kind: 'statement',
            allottedSeconds: 180,
          },
        };
      case 2:
        return {
          panelId,
          at,
          actor: moderator,
          action: 'speech:ended',
          interventionId,
          questionId: null,
          detail: { reason: 'ended', spokenSeconds: 92.4 },
        };
      default:
        return {
          panelId,
          at,
          actor: delegate,
          action: 'qa:vote',
          interventionId: null,
          questionId: randomUUID(),
          detail: { before: { voted: false, votes: 3 }, after: { voted: true, votes: 4 } },
        };
    }
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const loadAtStart = loadavg()[0];
  const dir = mkdtempSync(join(tmpdir(), 'rostrum-record-bench-'));
  try {
    const panelId = randomUUID();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const entries = chainEntries(null, proceedings(panelId, ENTRIES));
    const head = { seq: ENTRIES, hash: entries[ENTRIES - 1].hash };
    const signedAt = new Date().toISOString();
    const record = {
      panelId,
      entries,
      head,
      signedAt,
      signature: signHead(privateKey, panelId, head, signedAt),
      keyId: keyIdOf(publicKey),
    };
    const file = join(dir, 'record.json');
    const keyFile = join(dir, 'public.pem');
    writeFileSync(file, JSON.stringify(record));
    writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const size = statSync(file).size;

    const inProcess: number[] = [];
    const inProcessCpu: number[] = [];
    const text = JSON.stringify(record);
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const check = verifyRecord(JSON.parse(text), publicKey);
      const cpu = process.cpuUsage(cpu0);
      inProcess.push(performance.now() - t0);
      inProcessCpu.push((cpu.user + cpu.system) / 1000);
      if (!check.ok) throw new Error(check.error);
    }
    const command: number[] = [];
    const commandCpu: number[] = [];
    let output = '';
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      // Through time(1) when it is there: the command's own CPU time, which the machine's load moves less.
      const timed = existsSync(TIME);
      const args = [
        '-r',
        join(__dirname, '../scripts/lib/swc-require.cjs'),
        join(__dirname, '../scripts/record-verify.ts'),
        file,
        '--key',
        keyFile,
      ];
      const run = timed
        ? spawnSync(TIME, ['-f', '%U %S', process.execPath, ...args], { encoding: 'utf8' })
        : spawnSync(process.execPath, args, { encoding: 'utf8' });
      command.push(performance.now() - t0);
      if (run.status !== 0) throw new Error(`record:verify failed: ${run.stderr}`);
      output = run.stdout;
      if (timed) {
        const [user, sys] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
        commandCpu.push((user + sys) * 1000);
      }
    }
    const commandMs = median(command);
    const commandCpuMs = commandCpu.length ? median(commandCpu) : null;
    const verifyMs = median(inProcess);
    const verifyCpuMs = median(inProcessCpu);
    const loadAtEnd = loadavg()[0];
    console.log(output.trim());
    console.log(
      `record:verify of ${ENTRIES} entries: ${commandMs.toFixed(0)} ms, CPU ${commandCpuMs?.toFixed(0) ?? 'n/a'} ms ` +
        `(verification alone ${verifyMs.toFixed(0)} ms, CPU ${verifyCpuMs.toFixed(0)} ms)`,
    );

    const met = commandMs < TARGET_MS;
    writeSection(
      'Record verification',
      `\`npm run bench:record\` (\`bench/record.bench.ts\`) writes a signed record of proceedings of
${ENTRIES.toLocaleString('en')} entries (${(size / 1e6).toFixed(1)} MB of JSON: requests, speeches and Q&A votes with the
details the floor writes, names in three scripts) and times \`npm run record:verify -- <file> --key <public.pem>\`
as a user runs it — its own process, reading and parsing the file, every entry's canonical JSON and SHA-256,
the chain, the head and the Ed25519 signature. Median of ${RUNS} runs, on ${cpus().length} cores (load average
${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end: wall times grow with it; the CPU time of the
verification does much less).

| measure | figure | target |
| --- | --- | --- |
| \`record:verify\`, the whole command | ${commandMs.toFixed(0)} ms | < ${TARGET_MS} ms ${met ? '(met)' : '(**not met** at this load)'} |
| its CPU time (user + system): its wall time on an idle machine | ${commandCpuMs === null ? 'n/a' : `${commandCpuMs.toFixed(0)} ms`} | < ${TARGET_MS} ms ${commandCpuMs === null ? '' : commandCpuMs < TARGET_MS ? '(met)' : '(**not met**)'} |
| the verification alone (parse, hashes, chain, signature), in process | ${verifyMs.toFixed(0)} ms (CPU ${verifyCpuMs.toFixed(0)} ms) | |
| per entry (CPU) | ${((verifyCpuMs * 1000) / ENTRIES).toFixed(1)} µs | |`,
    );
    console.log('written to docs/benchmarks.md (## Record verification)');
    if (!met) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
