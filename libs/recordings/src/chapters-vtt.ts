import type { Chapter } from '@rostrum/contracts';

/** The chapters as a WebVTT file (`<track kind="chapters">`). */
export function chaptersToWebVtt(chapters: Chapter[]): string {
  const cues = chapters.map(
    (c, i) => `${i + 1}\n${vttTime(c.startSeconds)} --> ${vttTime(c.endSeconds)}\n${cueText(c.title)}\n`,
  );
  return ['WEBVTT\n', ...cues].join('\n');
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
