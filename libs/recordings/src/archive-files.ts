/**
 * One recording's files inside ARCHIVE_DIR, named by its id alone: whoever serves them never builds a path
 * from anything a client sent.
 */
export function archiveFileNames(recordingId: string): {
  video: string;
  poster: string;
  chapters: string;
  /** The HLS package's directory (recordings with interpretation channels). */
  hls: string;
} {
  return {
    video: `${recordingId}.mp4`,
    poster: `${recordingId}.jpg`,
    chapters: `${recordingId}.vtt`,
    hls: `${recordingId}.hls`,
  };
}
