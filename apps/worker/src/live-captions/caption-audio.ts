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
