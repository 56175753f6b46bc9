/** One media segment of an HLS playlist, complete once listed. */
export interface HlsSegment {
  /** The segment's file name, as listed (a bare name: Egress and FFmpeg write them beside the playlist). */
  name: string;
  durationSeconds: number;
  /** `#EXT-X-PROGRAM-DATE-TIME` of the segment, when the writer puts it. */
  programDateTime: Date | null;
}

const SEGMENT_NAME = /^[A-Za-z0-9_-]{1,100}\.ts$/;

/** A live (sliding) playlist's segments in order; lines that are not a plain segment name are skipped. */
export function parseHlsPlaylist(text: string): HlsSegment[] {
  const segments: HlsSegment[] = [];
  let duration: number | null = null;
  let programDateTime: Date | null = null;
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) {
      const at = new Date(line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length));
      programDateTime = Number.isNaN(at.getTime()) ? null : at;
    } else if (line && !line.startsWith('#')) {
      if (duration !== null && Number.isFinite(duration) && SEGMENT_NAME.test(line)) {
        segments.push({ name: line, durationSeconds: duration, programDateTime });
      }
      duration = null;
      programDateTime = null;
    }
  }
  return segments;
}
