import * as path from 'node:path';
import {
  EgressInfo,
  EncodedFileOutput,
  EncodedFileType,
  EncodedOutputs,
  SegmentedFileOutput,
  SegmentedFileProtocol,
} from 'livekit-server-sdk';

import { HLS_DIR, HLS_LIVE_PLAYLIST, panelDirName } from '@rostrum/recordings';

// Shared with the worker, which captions the live HLS (libs/recordings/src/panel-paths.ts).
export { HLS_DIR, HLS_LIVE_PLAYLIST, panelDirName };

/**
 * What the room-composite egress writes: an MP4 in the panel's directory (Egress names it from the template
 * and reports the real name when it ends) and, for the large audience, HLS segments with a sliding live
 * playlist. Paths are absolute as the API sees RECORDINGS_DIR: Egress must mount the volume at the same path.
 */
export function egressOutputs(recordingsDir: string, panelId: string, hls: boolean): EncodedOutputs {
  const dir = path.join(recordingsDir, panelDirName(panelId));
  const outputs: EncodedOutputs = {
    file: new EncodedFileOutput({
      fileType: EncodedFileType.MP4,
      filepath: `${dir}/{room_name}-{time}.mp4`,
    }),
  };
  if (hls) {
    outputs.segments = new SegmentedFileOutput({
      protocol: SegmentedFileProtocol.HLS_PROTOCOL,
      filenamePrefix: `${dir}/${HLS_DIR}/segment`,
      playlistName: `${dir}/${HLS_DIR}/index.m3u8`,
      livePlaylistName: `${dir}/${HLS_DIR}/${HLS_LIVE_PLAYLIST}`,
      segmentDuration: 4,
    });
  }
  return outputs;
}

/**
 * What one interpretation channel's audio-only egress writes: an MP4 of that booth's sound beside the video,
 * and for the large audience its own HLS stream under `hls/<language>/`.
 */
export function channelEgressOutputs(
  recordingsDir: string,
  panelId: string,
  language: string,
  hls: boolean,
): EncodedOutputs {
  const dir = path.join(recordingsDir, panelDirName(panelId));
  const outputs: EncodedOutputs = {
    file: new EncodedFileOutput({
      fileType: EncodedFileType.MP4,
      filepath: `${dir}/{room_name}-${language}-{time}.mp4`,
    }),
  };
  if (hls) {
    const hlsDir = `${dir}/${HLS_DIR}/${language}`;
    outputs.segments = new SegmentedFileOutput({
      protocol: SegmentedFileProtocol.HLS_PROTOCOL,
      filenamePrefix: `${hlsDir}/segment`,
      playlistName: `${hlsDir}/index.m3u8`,
      livePlaylistName: `${hlsDir}/${HLS_LIVE_PLAYLIST}`,
      segmentDuration: 4,
    });
  }
  return outputs;
}

/** Rostrum's egress page for a panel (the room composite's `customBaseUrl`), on the site's public address. */
export const egressPageUrl = (publicUrl: string, panelId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/egress/panels/${panelId}`;

/** The egress layout of a language channel: the egress page plays that booth's live interpreter. */
export const channelLayout = (language: string) => `lang:${language}`;

/** When the file's media started (`fileResults[0].startedAt`, ns), not when the request was accepted. */
export function mediaStartOf(info: EgressInfo): Date | null {
  const nanos = info.fileResults[0]?.startedAt ?? 0n;
  return nanos > 0n ? new Date(Number(nanos / 1_000_000n)) : null;
}

/**
 * The recorded MP4 as a path relative to RECORDINGS_DIR, from what Egress reported. Egress may report its
 * own container path, so only the part after the panel's directory is kept and put back under our
 * RECORDINGS_DIR; anything that would leave the panel's directory, or is not an MP4, gives null.
 */
export function recordedSourcePath(info: EgressInfo, panelId: string): string | null {
  const file = info.fileResults[0];
  if (!file) return null;
  const dir = panelDirName(panelId);
  for (const reported of [file.location, file.filename]) {
    const parts = (reported ?? '').split(/[\\/]+/);
    const at = parts.lastIndexOf(dir);
    const rest = at >= 0 ? parts.slice(at + 1) : parts.length === 1 ? parts : [];
    if (rest.length !== 1 || !/^[\w.-]+\.mp4$/i.test(rest[0]) || rest[0].startsWith('.')) continue;
    return `${dir}/${rest[0]}`;
  }
  return null;
}

/** An absolute path inside `root`, or null when `relative` would leave it (`..`, absolute paths). */
export function insideDir(root: string, relative: string): string | null {
  const resolved = path.resolve(root, relative);
  return resolved.startsWith(path.resolve(root) + path.sep) ? resolved : null;
}
