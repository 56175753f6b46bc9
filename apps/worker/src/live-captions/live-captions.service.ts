import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { FSWatcher, watch } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { CaptionSegment, ROOMS } from '@rostrum/contracts';
import {
  createLiveEmitter,
  HLS_DIR,
  HLS_LIVE_PLAYLIST,
  LiveEmitter,
  panelDirName,
} from '@rostrum/recordings';
import { findPocketSphinxModel, PocketSphinxModel } from '../transcribe/pocketsphinx-engine';
import { RecognisedWord } from '../transcribe/speech-engine';
import { PCM_BYTES_PER_SECOND, quietCut, splitAtCut } from './caption-audio';
import { HlsSegment, parseHlsPlaylist } from './hls-playlist';
import { createLiveRecogniser, LiveRecogniser, spawnLive } from './stream-recogniser';

/**
 * How often the live playlists are read: a change in a panel's HLS folder is heard at once (fs.watch), this
 * catches what a watch misses (a folder made after the poll looked, a file system without notifications).
 */
const POLL_MS = 150;
/** An unreadable segment is read again once after this. */
const RETRY_MS = 200;
/** How often the list of live panels is re-read from the database. */
const PANELS_MS = 2000;
/** A segment finished longer ago than this (e.g. when the worker starts mid-session) is not captioned late. */
const STALE_MS = 10_000;
/** How long a segment's claim is kept: longer than any live playlist keeps a segment. */
const CLAIM_SECONDS = 6 * 3600;
/** A panel's lease: renewed every LEASE_CHECK_MS by its worker, taken over by another within this after it stops. */
const LEASE_MS = 5000;
/** How often the lease is renewed or tried: a Redis round trip a second per panel, not one per poll. */
const LEASE_CHECK_MS = 1000;
/** Renews the lease when this worker holds it, takes it when free; 1 or OK when this worker holds it now. */
const LEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2])
else return redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) end`;

/** Where a segment's audio begins in a run heard at once, in seconds, and when that was in the session. */
interface RunPart {
  at: number;
  offsetSeconds: number;
}

interface LivePanel {
  id: string;
  startedAt: Date;
  /** Segments of this session already claimed or passed over by this worker. */
  seen: Set<string>;
  /** Audio of the last word of the previous segment, heard again with the next one (it may have been cut). */
  carry: Buffer;
  /** Segments claimed and not captioned yet: a worker that fell behind hears them all in one run. */
  pending: { file: string; offsetSeconds: number }[];
  /** The panel's two recognisers (one per half of a segment), kept loaded while this worker holds the panel. */
  recognisers: LiveRecogniser[] | null;
  /** Their loading is queued (on the worker's queue, after any earlier drop). */
  loading: boolean;
  /** Watches the panel's HLS folder, so a new segment is read as soon as its playlist lists it. */
  watcher: FSWatcher | null;
  /** The lease's last answer for this worker, and when it was asked. */
  lease: { held: boolean; checkedAt: number };
}

/**
 * Live captions (LIVE_CAPTIONS with WEBCAST_HLS): reads each live panel's HLS playlist, transcribes every
 * new segment with the archive's speech engine and sends `caption:segment` to the panel's room through
 * Redis (every API instance delivers it). Several workers share the panels: one holds a panel's lease
 * (renewed every LEASE_CHECK_MS, so another takes over within LEASE_MS when it stops), which keeps its segments in
 * order on one worker (a word cut at a boundary is heard again with the next segment); and each segment is
 * claimed with Redis SET NX before it is transcribed, so it is captioned once even across a takeover.
 */
@Injectable()
export class LiveCaptionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveCaptionsService.name);
  private readonly redis: Redis;
  private readonly emitter: LiveEmitter;
  private readonly language: string | null;
  private readonly model: PocketSphinxModel | null;
  private readonly workerId = randomUUID();
  private panels = new Map<string, LivePanel>();
  private panelsReadAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  /** A change was heard while a poll was running: poll again when it ends. */
  private pollAgain = false;
  /** Shutting down: no poll starts and no recogniser is loaded any more. */
  private closing = false;
  /** Segments are transcribed one at a time, in the order they were claimed (a recogniser hears one piece at a time). */
  private work: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 3000 });
    this.emitter = createLiveEmitter(this.redis, config.redisPrefix, (err) =>
      this.logger.warn({ err }, 'could not publish caption:segment'),
    );
    // The floor is captioned in the first transcribed language that has a model.
    this.language = config.transcribe.languages.find((l) => config.transcribe.modelDirs[l]) ?? null;
    this.model = this.language ? findPocketSphinxModel(config.transcribe.modelDirs[this.language]!) : null;
  }

  onApplicationBootstrap(): void {
    if (!this.model) {
      this.logger.warn('LIVE_CAPTIONS is on but no transcribed language has a model: no live captions');
      return;
    }
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    for (const panel of this.panels.values()) unwatch(panel);
    // A poll under way may still queue work: wait until the queue stays the same.
    for (let work: Promise<void> | null = null; work !== this.work || this.polling;) {
      work = this.work;
      await work;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (const panel of this.panels.values()) dropRecognisers(panel);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async poll(): Promise<void> {
    if (this.closing) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = true;
    try {
      if (Date.now() - this.panelsReadAt > PANELS_MS) await this.readLivePanels();
      for (const panel of this.panels.values()) await this.pollPanel(panel);
    } catch (err) {
      this.logger.warn({ err }, 'live captions: could not read the live panels');
    } finally {
      this.polling = false;
      if (this.pollAgain) {
        this.pollAgain = false;
        void this.poll();
      }
    }
  }

  private async readLivePanels(): Promise<void> {
    const rows: { id: string; startedAt: Date | null }[] = await this.db.query(
      `SELECT id, started_at AS "startedAt" FROM panels WHERE status = 'live'`,
    );
    const next = new Map<string, LivePanel>();
    for (const row of rows) {
      if (!row.startedAt) continue;
      const known = this.panels.get(row.id);
      const same = known && known.startedAt.getTime() === row.startedAt.getTime();
      next.set(
        row.id,
        same
          ? known
          : {
              id: row.id,
              startedAt: row.startedAt,
              seen: new Set(),
              carry: EMPTY,
              pending: [],
              recognisers: null,
              loading: false,
              watcher: null,
              lease: { held: false, checkedAt: 0 },
            },
      );
    }
    // A panel no longer live (or restarted) lets its recogniser go once its queued segments are heard.
    for (const panel of this.panels.values()) {
      if (next.get(panel.id) === panel) continue;
      unwatch(panel);
      this.work = this.work.then(() => dropRecognisers(panel));
    }
    this.panels = next;
    this.panelsReadAt = Date.now();
  }

  private async pollPanel(panel: LivePanel): Promise<void> {
    if (!(await this.holdLease(panel))) {
      // Another worker captions it; if it is ever handed back, the audio carried is stale.
      panel.carry = EMPTY;
      unwatch(panel);
      if (panel.recognisers) this.work = this.work.then(() => dropRecognisers(panel));
      return;
    }
    const dir = join(this.config.recordingsDir, panelDirName(panel.id), HLS_DIR);
    panel.watcher ??= watchFolder(dir, () => void this.poll());
    // Once the panel's HLS folder is there, the models load while the first segment is being written.
    if (panel.watcher && !panel.recognisers && !panel.loading) {
      panel.loading = true;
      this.work = this.work.then(() => this.loadRecognisers(panel));
    }
    const playlist = await readFile(join(dir, HLS_LIVE_PLAYLIST), 'utf8').catch(() => null);
    if (!playlist) return;
    for (const segment of parseHlsPlaylist(playlist)) {
      if (panel.seen.has(segment.name)) continue;
      panel.seen.add(segment.name);
      const file = join(dir, segment.name);
      const startedAtMs = await segmentStart(file, segment);
      if (startedAtMs === null) continue;
      if (Date.now() - (startedAtMs + segment.durationSeconds * 1000) > STALE_MS) continue;
      if (!(await this.claim(panel, segment))) continue;
      const offsetSeconds = (startedAtMs - panel.startedAt.getTime()) / 1000;
      panel.pending.push({ file, offsetSeconds });
      this.work = this.work.then(() => this.captionPending(panel));
    }
  }

  private async holdLease(panel: LivePanel): Promise<boolean> {
    if (Date.now() - panel.lease.checkedAt < LEASE_CHECK_MS) return panel.lease.held;
    const key = `${this.config.redisPrefix}:caption:lease:${panel.id}`;
    const answer = await this.redis.eval(LEASE_SCRIPT, 1, key, this.workerId, String(LEASE_MS));
    // Held, it stays ours for LEASE_MS: trusting the answer for LEASE_CHECK_MS leaves a wide margin.
    panel.lease = { held: answer === 1 || answer === 'OK', checkedAt: Date.now() };
    return panel.lease.held;
  }

  private async loadRecognisers(panel: LivePanel): Promise<void> {
    try {
      if (panel.recognisers || this.closing) return;
      const made = await Promise.allSettled([0, 1].map(() => createLiveRecogniser(this.model!)));
      const ready = made.flatMap((m) => (m.status === 'fulfilled' ? [m.value] : []));
      if (ready.length === made.length) panel.recognisers = ready;
      else {
        ready.forEach((r) => r.close());
        throw (made.find((m) => m.status === 'rejected') as PromiseRejectedResult).reason;
      }
    } catch (err) {
      this.logger.warn({ err }, 'live captions: could not start the recogniser');
    } finally {
      panel.loading = false;
    }
  }

  /** Sends the words heard, a caption for each segment they fall in (`parts`: where each begins in the run). */
  private emitWords(panel: LivePanel, parts: RunPart[], words: RecognisedWord[]): void {
    for (const [i, part] of parts.entries()) {
      const next = parts[i + 1]?.at ?? Infinity;
      const heard = words.filter((w) => w.startSeconds >= part.at && w.startSeconds < next);
      if (!heard.length) continue;
      const start = part.offsetSeconds - part.at;
      const caption: CaptionSegment = {
        panelId: panel.id,
        language: this.language!,
        startSeconds: round(start + heard[0].startSeconds),
        endSeconds: round(start + heard[heard.length - 1].endSeconds),
        text: heard.map((w) => w.text).join(' '),
      };
      this.emitter.to(ROOMS.panel(panel.id)).emit('caption:segment', caption);
    }
  }

  /** True for the one worker that may caption this segment of this session. */
  private async claim(panel: LivePanel, segment: HlsSegment): Promise<boolean> {
    const key = `${this.config.redisPrefix}:caption:${panel.id}:${panel.startedAt.getTime()}:${segment.name}`;
    return (await this.redis.set(key, '1', 'EX', CLAIM_SECONDS, 'NX')) === 'OK';
  }

  /**
   * Captions the panel's pending segments, one caption per segment. When the worker fell behind, several
   * are heard in one run (one piece of audio for the recogniser), so it catches up instead of falling
   * further behind.
   */
  private async captionPending(panel: LivePanel): Promise<void> {
    const segments = panel.pending.splice(0);
    if (!segments.length) return;
    try {
      const carried = panel.carry;
      panel.carry = EMPTY;
      // Where each segment's audio begins in the run, in seconds, and when that was in the session.
      const parts: RunPart[] = [];
      const audio: Buffer[] = [carried];
      let length = carried.length;
      for (const [i, segment] of segments.entries()) {
        // Read again once after a moment: a writer may list a segment just before its last bytes are out.
        const pcm = await decodePcm(segment.file)
          .catch(() =>
            new Promise((resolve) => setTimeout(resolve, RETRY_MS)).then(() => decodePcm(segment.file)),
          )
          .catch((err: Error) => {
            this.logger.warn({ err, file: segment.file }, 'live captions: unreadable segment');
            return null;
          });
        if (!pcm) continue;
        // The carried audio came just before the first segment.
        const at = i === 0 ? 0 : length / PCM_BYTES_PER_SECOND;
        const offsetSeconds =
          i === 0 ? segment.offsetSeconds - length / PCM_BYTES_PER_SECOND : segment.offsetSeconds;
        parts.push({ at, offsetSeconds });
        audio.push(pcm);
        length += pcm.length;
      }
      if (!parts.length) return;
      const pcm = Buffer.concat(audio);
      await this.loadRecognisers(panel);
      const recognisers = panel.recognisers;
      if (!recognisers) return;
      // Two halves heard at once on the two cores; the first one's words, the oldest, leave as soon as heard.
      const cut = quietCut(pcm);
      const pieces = cut === null ? [pcm] : [pcm.subarray(0, cut), pcm.subarray(cut)];
      const heard = pieces.map((piece, i) => recognisers[i].hear(piece));
      // Both are heard out before the next segment, even when one fails (a recogniser hears one piece at a time).
      const settled = Promise.allSettled(heard);
      let words: RecognisedWord[];
      try {
        if (cut !== null) this.emitWords(panel, parts, await heard[0]);
        const from = cut === null ? 0 : cut / PCM_BYTES_PER_SECOND;
        words = (await heard[heard.length - 1]).map((w) => ({
          ...w,
          startSeconds: w.startSeconds + from,
          endSeconds: w.endSeconds + from,
        }));
      } finally {
        await settled;
      }
      const { send, carryFromSeconds } = splitAtCut(words, pcm.length / PCM_BYTES_PER_SECOND);
      if (carryFromSeconds !== null) {
        panel.carry = pcm.subarray(Math.floor((carryFromSeconds * PCM_BYTES_PER_SECOND) / 2) * 2);
      }
      this.emitWords(panel, parts, send);
    } catch (err) {
      this.logger.warn(
        { err, files: segments.map((s) => s.file) },
        'live captions: could not caption segments',
      );
    }
  }
}

/**
 * Calls `onChange` when the playlist in `dir` changes (written in place or renamed into place); null when the
 * folder cannot be watched (yet). A segment being written fires an event at every write: those are not news,
 * the playlist listing it is.
 */
function watchFolder(dir: string, onChange: () => void): FSWatcher | null {
  try {
    return watch(dir, { persistent: false }, (_event, name) => {
      if (!name || name.startsWith(HLS_LIVE_PLAYLIST)) onChange();
    }).on('error', () => undefined);
  } catch {
    return null; // not made yet, or not watchable: the poll reads it
  }
}

function unwatch(panel: LivePanel): void {
  panel.watcher?.close();
  panel.watcher = null;
}

function dropRecognisers(panel: LivePanel): void {
  panel.recognisers?.forEach((r) => r.close());
  panel.recognisers = null;
}

/** A segment's first audio track as 16 kHz mono PCM, the recogniser's input, read from FFmpeg's output. */
function decodePcm(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const ffmpeg = spawnLive(
      'ffmpeg',
      [
        ...['-nostdin', '-v', 'error', '-i', file, '-map', '0:a:0', '-vn'],
        ...['-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1'],
      ],
      ['ignore', 'pipe', 'pipe'],
    );
    const out: Buffer[] = [];
    let err = '';
    ffmpeg.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    ffmpeg.stderr!.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-2000)));
    ffmpeg.on('error', reject);
    ffmpeg.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg exit ${code}: ${err}`)),
    );
  });
}

/**
 * When a segment's sound began, in ms since the epoch: its program date-time when the playlist gives one,
 * else the time its file was finished less its length (writers list a segment once it is complete).
 */
async function segmentStart(file: string, segment: HlsSegment): Promise<number | null> {
  if (segment.programDateTime) return segment.programDateTime.getTime();
  const info = await stat(file).catch(() => null);
  return info ? info.mtimeMs - segment.durationSeconds * 1000 : null;
}

const round = (n: number) => Math.round(n * 100) / 100;
const EMPTY = Buffer.alloc(0);
