import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { ArchiveError } from './archive-error';

/** Past this, a tool run is stuck, not slow: a 3-hour session remuxes in well under a minute. */
const TOOL_TIMEOUT_MS = 30 * 60_000;
const STDERR_TAIL = 4000;

export type Tool = 'ffmpeg' | 'ffprobe' | 'pocketsphinx_continuous';

const PACKAGE_OF: Record<Tool, string> = {
  ffmpeg: 'ffmpeg',
  ffprobe: 'ffmpeg',
  pocketsphinx_continuous: 'pocketsphinx',
};

/**
 * Runs a tool from the system's PATH and resolves its stdout (or, with `output: 'stderr'`, all of its stderr:
 * where ffmpeg's filters such as silencedetect report); rejects with the end of stderr.
 */
export async function runTool(
  tool: Tool,
  args: string[],
  output: 'stdout' | 'stderr' = 'stdout',
): Promise<string> {
  const out: Buffer[] = [];
  await pipeTool(tool, args, async (child) => {
    child.stdout.on('data', (chunk: Buffer) => output === 'stdout' && out.push(chunk)); // drained either way
    if (output === 'stderr') child.stderr.on('data', (chunk: Buffer) => out.push(chunk));
  });
  return Buffer.concat(out).toString();
}

/**
 * Runs a tool whose output `consume` reads as it comes. Rejects with a ToolError when the tool fails; when
 * `consume` fails while the tool runs, the tool is killed and that error is the answer.
 */
export function pipeTool(
  tool: Tool,
  args: string[],
  consume: (child: { stdout: Readable; stderr: Readable; exited: Promise<void> }) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((done) => child.on('close', () => done()).on('error', () => done()));
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-STDERR_TAIL);
    });
    let running = true;
    child.on('exit', () => (running = false));
    // `first`: the consumer failed while the tool ran, so the tool's failure (a broken pipe) is its doing.
    let consumerFailed: { error: unknown; first: boolean } | null = null;
    const consumed = consume({ stdout: child.stdout, stderr: child.stderr, exited }).catch(
      (error: unknown) => {
        consumerFailed = { error, first: running };
        child.kill('SIGKILL');
      },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), TOOL_TIMEOUT_MS);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new ArchiveError(
              `${tool} is not installed on the worker (install the ${PACKAGE_OF[tool]} package)`,
            )
          : e,
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      void consumed.then(() => {
        if (consumerFailed?.first) return reject(consumerFailed.error);
        // The tool's own failure explains more than what its cut-short output did to the consumer.
        if (code !== 0 && code !== null)
          return reject(new ToolError(tool, lastLine(err) || `exit code ${code}`, err));
        if (consumerFailed) return reject(consumerFailed.error);
        if (code === 0) return resolve();
        reject(new ToolError(tool, lastLine(err) || `killed by ${signal}`, err));
      });
    });
  });
}

/** A non-zero exit of ffmpeg/ffprobe; `detail` is what it printed last, `stderr` the end of its output. */
export class ToolError extends Error {
  constructor(
    readonly tool: string,
    readonly detail: string,
    readonly stderr: string,
  ) {
    super(`${tool} failed: ${detail}`);
    this.name = 'ToolError';
  }
}

/** ffmpeg prints its reason last; strip the "[demuxer @ 0x…]" noise so the message reads well. */
function lastLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/, '').trim())
    .filter(Boolean);
  return lines.slice(-2).join('; ');
}
