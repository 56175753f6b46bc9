import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ArchiveError } from './archive-error';
import type { AudioTrackPlan } from './channel-mix';
import { box, boxType as type, children, findBox, readTopLevelBoxes } from './mp4-boxes';

/** The package's master playlist, inside the recording's HLS directory. */
export const HLS_MASTER = 'master.m3u8';
/** In each rendition's directory: a hard link to the archived MP4, which its playlist cuts by byte ranges. */
const MEDIA = 'media.m4s';
const INIT = 'init.mp4';
const SEGMENT_SECONDS = 6;

/**
 * How the archived MP4 is written when it also serves the HLS package: fragmented, a fragment cut at the
 * first key frame after 6 s, each track in a `moof`+`mdat` pair of its own so that every track's fragment
 * is one contiguous byte range (an HLS segment), the index (`moov`, no samples) first. The index waits for
 * the first packets (`delay_moov`): an ADTS channel's AudioSpecificConfig, without which browsers cannot
 * decode it, is only known from them.
 */
export const FRAGMENTED_MP4 = [
  ...['-movflags', '+frag_keyframe+separate_moof+empty_moov+delay_moov+default_base_moof'],
  ...['-min_frag_duration', String(SEGMENT_SECONDS * 1_000_000)],
];

/** A rendition's directory: `video`, `floor`, or the channel's code. */
export const renditionDir = (track: AudioTrackPlan) => track.language;

interface Fragment {
  offset: number;
  size: number;
  decodeTime: number;
}

interface Track {
  id: number;
  timescale: number;
  kind: 'vide' | 'soun';
  codec: string;
  /** The `trak` box and the `trex` box (in `mvex`) for this track. */
  trak: Buffer;
  trex: Buffer;
  fragments: Fragment[];
}

/**
 * The HLS package of an archived MP4 written with `FRAGMENTED_MP4`, without copying its media: the video
 * as one variant and every audio track as an alternate rendition (`EXT-X-MEDIA TYPE=AUDIO` with LANGUAGE
 * and NAME, the floor's the default), so that players offer a language menu. Each rendition's segments
 * are byte ranges of the MP4 itself (hard-linked into the package as `media.m4s`), after an init segment
 * of its own: the MP4's index cut down to that one track.
 */
export async function makeHlsPackage(
  mp4: string,
  dir: string,
  tracks: AudioTrackPlan[],
  floorLanguage: string | null,
  durationSeconds: number,
): Promise<void> {
  const { ftyp, mvhd, mehd, tracks: found } = await readFragmentedMp4(mp4);
  const video = found.find((t) => t.kind === 'vide');
  const audio = found.filter((t) => t.kind === 'soun');
  if (!video || audio.length !== tracks.length || found.some((t) => !t.fragments.length)) {
    throw new ArchiveError('The HLS package could not be made: the archived MP4 lacks a track');
  }
  const renditions = [
    { name: 'video', track: video },
    ...tracks.map((t, i) => ({ name: renditionDir(t), track: audio[i] })),
  ];
  await fs.mkdir(dir, { recursive: true });
  await Promise.all(
    renditions.map(async ({ name, track }) => {
      const at = path.join(dir, name);
      await fs.mkdir(at);
      await fs.link(mp4, path.join(at, MEDIA));
      const init = Buffer.concat([
        ftyp,
        box('moov', [mvhd, enabled(track.trak), box('mvex', [...mehd, track.trex])]),
      ]);
      await fs.writeFile(path.join(at, INIT), init);
      await fs.writeFile(path.join(at, 'index.m3u8'), mediaPlaylist(track, durationSeconds));
    }),
  );
  const bandwidth = Math.ceil(
    (renditions.reduce((sum, r) => sum + r.track.fragments.reduce((s, f) => s + f.size, 0), 0) * 8) /
      Math.max(durationSeconds, 1),
  );
  await fs.writeFile(
    path.join(dir, HLS_MASTER),
    masterPlaylist(tracks, floorLanguage, `${video.codec},${audio[0].codec}`, bandwidth),
  );
}

/** The master playlist: one audio rendition per track (the floor's the default), the video's variant. */
export function masterPlaylist(
  tracks: AudioTrackPlan[],
  floorLanguage: string | null,
  codecs: string,
  bandwidth: number,
): string {
  const media = tracks.map((t, i) => {
    const language = t.language === 'floor' ? floorLanguage : t.language;
    return [
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="audio",AUTOSELECT=YES',
      `NAME="${t.title.replace(/"/g, "'")}"`,
      `DEFAULT=${i === 0 ? 'YES' : 'NO'}`,
      ...(language ? [`LANGUAGE="${language}"`] : []),
      `URI="${renditionDir(t)}/index.m3u8"`,
    ].join(',');
  });
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...media,
    `#EXT-X-STREAM-INF:BANDWIDTH=${bandwidth},CODECS="${codecs}",AUDIO="audio"`,
    'video/index.m3u8',
    '',
  ].join('\n');
}

/** A rendition's playlist: its init segment, then each of its fragments as a byte range of the MP4. */
function mediaPlaylist(track: Track, durationSeconds: number): string {
  const times = track.fragments.map((f) => f.decodeTime / track.timescale);
  // The last one lasts to the end of the recording (or, unknown, as long as the one before).
  const lengths = times.map((t, i) => (i + 1 < times.length ? times[i + 1] : durationSeconds) - t);
  if (lengths.length > 1 && lengths[lengths.length - 1] <= 0)
    lengths[lengths.length - 1] = lengths[lengths.length - 2];
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.ceil(Math.max(...lengths))}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MAP:URI="${INIT}"`,
  ];
  track.fragments.forEach((f, i) => {
    lines.push(`#EXTINF:${lengths[i].toFixed(6)},`, `#EXT-X-BYTERANGE:${f.size}@${f.offset}`, MEDIA);
  });
  lines.push('#EXT-X-ENDLIST', '');
  return lines.join('\n');
}

/** The index's parts and, per track, its fragments (a `moof` and the `mdat` right after it). */
async function readFragmentedMp4(file: string) {
  const { boxes, problem } = await readTopLevelBoxes(file);
  if (problem) throw new ArchiveError(`The HLS package could not be made: ${problem}`);
  const handle = await fs.open(file, 'r');
  try {
    const read = async (offset: number, size: number) => {
      const buf = Buffer.alloc(size);
      await handle.read(buf, 0, size, offset);
      return buf;
    };
    const ftypBox = boxes.find((b) => b.type === 'ftyp');
    const moovBox = boxes.find((b) => b.type === 'moov');
    if (!ftypBox || !moovBox) throw new ArchiveError('The HLS package could not be made: no MP4 index');
    const ftyp = await read(ftypBox.offset, ftypBox.size);
    const moov = await read(moovBox.offset, moovBox.size);
    const mvex = children(moov).find((b) => type(b) === 'mvex');
    const trexes = mvex ? children(mvex).filter((b) => type(b) === 'trex') : [];
    const tracks: Track[] = children(moov)
      .filter((b) => type(b) === 'trak')
      .map((trak) => {
        const tkhd = find(trak, ['tkhd']);
        const id = tkhd.readUInt32BE(tkhd[8] === 1 ? 28 : 20);
        const mdhd = find(trak, ['mdia', 'mdhd']);
        const kind = find(trak, ['mdia', 'hdlr']).toString('latin1', 16, 20) as Track['kind'];
        const stsd = find(trak, ['mdia', 'minf', 'stbl', 'stsd']);
        return {
          id,
          timescale: mdhd.readUInt32BE(mdhd[8] === 1 ? 28 : 20),
          kind,
          codec: codecOf(stsd),
          trak,
          trex: trexes.find((t) => t.readUInt32BE(12) === id)!,
          fragments: [],
        };
      });
    for (const [i, b] of boxes.entries()) {
      if (b.type !== 'moof') continue;
      const mdat = boxes[i + 1];
      const traf = find(await read(b.offset, b.size), ['traf']);
      const track = tracks.find((t) => t.id === find(traf, ['tfhd']).readUInt32BE(12));
      const tfdt = find(traf, ['tfdt']);
      if (!track || mdat?.type !== 'mdat') continue;
      const decodeTime = tfdt[8] === 1 ? Number(tfdt.readBigUInt64BE(12)) : tfdt.readUInt32BE(12);
      track.fragments.push({ offset: b.offset, size: b.size + mdat.size, decodeTime });
    }
    return {
      ftyp,
      mvhd: find(moov, ['mvhd']),
      mehd: mvex ? children(mvex).filter((b) => type(b) === 'mehd') : [],
      tracks: tracks.filter((t) => t.trex && (t.kind === 'vide' || t.kind === 'soun')),
    };
  } finally {
    await handle.close();
  }
}

/** The codec string (RFC 6381) of a sample description: `avc1.PPCCLL` from its avcC, else `mp4a.40.2`. */
function codecOf(stsd: Buffer): string {
  const avcC = stsd.indexOf('avcC', 0, 'latin1');
  if (avcC < 0) return 'mp4a.40.2';
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return `avc1.${hex(stsd[avcC + 5])}${hex(stsd[avcC + 6])}${hex(stsd[avcC + 7])}`;
}

/**
 * A copy of a track with its `tkhd` "enabled" flag set: the MP4 enables only its default audio track, but
 * in a rendition's init segment the track is the only one, and a disabled one stays silent in the browser.
 */
function enabled(trak: Buffer): Buffer {
  const copy = Buffer.from(trak);
  find(copy, ['tkhd'])[11] |= 0x01;
  return copy;
}

/** The first box down a path of types; fails loudly when the layout is not the muxer's. */
function find(parent: Buffer, pathTypes: string[]): Buffer {
  const found = findBox(parent, pathTypes);
  if (!found)
    throw new ArchiveError(`The HLS package could not be made: no "${pathTypes.join('/')}" box in the MP4`);
  return found;
}
