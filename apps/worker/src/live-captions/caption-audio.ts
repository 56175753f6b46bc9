import type { RecognisedWord } from '../transcribe/speech-engine';

/** 16 kHz mono 16-bit PCM, the recogniser's input: bytes per second. */
export const PCM_BYTES_PER_SECOND = 16000 * 2;
/** A word ending this close to the end of the audio may have been cut by the segment boundary. */
const CUT_MARGIN_SECONDS = 0.3;
/**
 * At most this much audio is carried into the next segment: its words wait for that segment, so a caption's
 * first word is up to a segment plus this old when the segment is complete. A word is seldom longer.
 */
export const MAX_CARRY_SECONDS = 1;

/**
 * Which words to send now and which audio to hear again with the next segment: the last word, when it ends
 * at the very end of the audio, may be cut in half by the segment boundary: the last word is then held back
 * (with its audio) unless that would carry more than MAX_CARRY_SECONDS.
 */
export function splitAtCut(
  words: RecognisedWord[],
  audioSeconds: number,
): { send: RecognisedWord[]; carryFromSeconds: number | null } {
  const last = words.length - 1;
  const held = last >= 0 && words[last].endSeconds > audioSeconds - CUT_MARGIN_SECONDS ? last : -1;
  if (held < 0) return { send: words, carryFromSeconds: null };
  const from = Math.max(0, words[held].startSeconds - 0.1);
  if (audioSeconds - from > MAX_CARRY_SECONDS) return { send: words, carryFromSeconds: null };
  return { send: words.slice(0, held), carryFromSeconds: from };
}

/** Audio shorter than this is heard whole: halves would be too short for the recogniser's context. */
const MIN_CUT_SECONDS = 2.5;
/** The cut is looked for this far either side of the middle. */
const CUT_WINDOW_SECONDS = 1;
/** Loudness is summed over this long a stretch; the quietest one is where the cut goes. */
const QUIET_SECONDS = 0.2;
/** Loudness is measured in frames of this many samples (10 ms). */
const FRAME_SAMPLES = 160;

/**
 * Where to cut 16 kHz s16le audio in two, as a byte offset: in the middle of its quietest 0.2 s within a second
 * of its middle (the one nearest the middle of equally quiet ones), most often in a pause between words or
 * sentences, so no word is cut; null when too short.
 */
export function quietCut(pcm: Buffer): number | null {
  const frames = Math.floor(pcm.length / 2 / FRAME_SAMPLES);
  const seconds = (frames * FRAME_SAMPLES) / 16000;
  if (seconds < MIN_CUT_SECONDS) return null;
  const loudness = Array.from({ length: frames }, (_, f) => {
    let sum = 0;
    for (let i = 0; i < FRAME_SAMPLES; i++) sum += Math.abs(pcm.readInt16LE((f * FRAME_SAMPLES + i) * 2));
    return sum;
  });
  const perSecond = 16000 / FRAME_SAMPLES;
  const span = Math.round(QUIET_SECONDS * perSecond);
  const middle = frames / 2;
  const first = Math.max(0, Math.round(middle - CUT_WINDOW_SECONDS * perSecond - span / 2));
  const last = Math.min(frames - span, Math.round(middle + CUT_WINDOW_SECONDS * perSecond - span / 2));
  let best = first;
  let bestSum = Infinity;
  for (let f = first; f <= last; f++) {
    const sum = loudness.slice(f, f + span).reduce((a, b) => a + b, 0);
    // The nearest the middle of equally quiet stretches (digital silence is all zeros).
    if (
      sum < bestSum ||
      (sum === bestSum && Math.abs(f + span / 2 - middle) < Math.abs(best + span / 2 - middle))
    ) {
      best = f;
      bestSum = sum;
    }
  }
  return Math.round(best + span / 2) * FRAME_SAMPLES * 2;
}
