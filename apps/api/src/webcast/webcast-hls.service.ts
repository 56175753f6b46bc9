import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { PanelEntity } from '@rostrum/database';
import { notFound } from '../common/app-error';
import { HLS_DIR, panelDirName } from './recording-paths';

/** A playlist or segment name as Egress writes them; nothing else is ever looked up. */
const HLS_FILE = /^[A-Za-z0-9_-]{1,100}\.(m3u8|ts)$/;
/** A channel's directory: an ISO 639 code, nothing else. */
const LANGUAGE = /^[a-z]{2,3}$/;
/** Viewers poll the playlist every few seconds: the panel's status is read at most this often. */
const STATUS_CACHE_MS = 2000;

export interface HlsFile {
  path: string;
  contentType: string;
  cacheControl: string;
}

/**
 * The large-audience HLS stream of a live panel, read-only from the panel's directory under RECORDINGS_DIR.
 * The client names only the panel and a bare file name; once the panel has ended nothing is served (the
 * recording reaches the public through the archive, when staff publish it).
 */
@Injectable()
export class WebcastHlsService {
  private readonly liveUntil = new Map<string, { live: boolean; until: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A file of the floor's stream, or of a language channel's (`language`, its own directory). */
  async file(panelId: string, name: string, language?: string): Promise<HlsFile> {
    const missing = notFound('Stream file');
    if (!this.config.livekit || !this.config.webcastHls || !HLS_FILE.test(name)) throw missing;
    if (language !== undefined && !LANGUAGE.test(language)) throw missing;
    if (!(await this.isLive(panelId))) throw missing;
    // Links are followed, and must stay in the panel's own HLS directory (the channel's own).
    const dir = path.join(this.config.recordingsDir, panelDirName(panelId), HLS_DIR, language ?? '');
    const [root, file] = await Promise.all([
      realpath(dir).catch(() => null),
      realpath(path.join(dir, name)).catch(() => null),
    ]);
    if (!root || !file || !file.startsWith(root + path.sep)) throw missing;
    const playlist = name.endsWith('.m3u8');
    return {
      path: file,
      contentType: playlist ? 'application/vnd.apple.mpegurl' : 'video/mp2t',
      // The playlist changes every segment; a segment never changes once written.
      cacheControl: playlist ? 'no-cache' : 'public, max-age=86400, immutable',
    };
  }

  private async isLive(panelId: string): Promise<boolean> {
    const cached = this.liveUntil.get(panelId);
    if (cached && cached.until > Date.now()) return cached.live;
    const panel = await this.db.getRepository(PanelEntity).findOne({
      where: { id: panelId },
      select: { id: true, status: true },
    });
    const live = panel?.status === 'live';
    if (this.liveUntil.size > 1000) this.liveUntil.clear();
    this.liveUntil.set(panelId, { live, until: Date.now() + STATUS_CACHE_MS });
    return live;
  }
}
