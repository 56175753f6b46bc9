import type { Chapter } from '@rostrum/contracts';

/** The chapters as a WebVTT file (`<track kind="chapters">`). */
export function chaptersToWebVtt(chapters: Chapter[]): string {
  const cues = chapters.map(
    (c, i) => `${i + 1}\n${vttTime(c.startSeconds)} --> ${vttTime(c.endSeconds)}\n${cueText(c.title)}\n`,
  );
  return ['WEBVTT\n', ...cues].join('\n');
}

/** A caption line: a cue holds at most two (the segments are cut to fit, see the worker's transcript segments). */
export const CAPTION_LINE_CHARS = 42;

/** Transcript segments as WebVTT subtitles (`<track kind="captions">`): one cue per segment, in two lines when long. */
export function captionsToWebVtt(
  segments: { startSeconds: number; endSeconds: number; text: string }[],
): string {
  const cues = segments.map(
    (s, i) =>
      `${i + 1}\n${vttTime(s.startSeconds)} --> ${vttTime(s.endSeconds)}\n${captionLines(cueText(s.text)).join('\n')}\n`,
  );
  return ['WEBVTT\n', ...cues].join('\n');
}

/** Breaks a caption at the space nearest its middle when it is longer than one line. */
export function captionLines(text: string): string[] {
  if (text.length <= CAPTION_LINE_CHARS) return [text];
  const middle = text.length / 2;
  let best = -1;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) {
    if (best === -1 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  }
  return best === -1 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/** hh:mm:ss.mmm */
export function vttTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Cue text is markup: escape it, and keep it on one line so it cannot end the cue or fake a timing line. */
function cueText(title: string): string {
  return title.replace(/\s+/g, ' ').trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
