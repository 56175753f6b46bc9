import type { TranscriptSpeaker } from '@rostrum/contracts';
import { speakerOf, SpeechSpan } from '../archive/chapters';
import { RecognisedWord, Utterance } from './speech-engine';

/** A caption is read in the time it is on screen: at most ~7 s and two lines of ~42 characters. */
export const SEGMENT_MAX_SECONDS = 7;
export const SEGMENT_MAX_CHARS = 84;
/** A longer gap between two words starts a new line even within an utterance. */
const SEGMENT_MAX_GAP_SECONDS = 1.2;

export interface BuiltSegment {
  startSeconds: number;
  endSeconds: number;
  text: string;
  interventionId: string | null;
  speaker: TranscriptSpeaker | null;
}

/**
 * Recognised words → transcript lines: a line never spans two utterances, two floor holders, more than
 * SEGMENT_MAX_SECONDS or SEGMENT_MAX_CHARS. Each line belongs to the intervention that had the floor at its
 * words' middle (`spans`, in the same seconds as the words).
 */
export function buildSegments(utterances: Utterance[], spans: SpeechSpan[]): BuiltSegment[] {
  const segments: BuiltSegment[] = [];
  for (const utterance of utterances) {
    let line: RecognisedWord[] = [];
    let lineSpan: SpeechSpan | null = null;
    const flush = () => {
      if (line.length) segments.push(toSegment(line, lineSpan));
      line = [];
    };
    for (const word of utterance.words) {
      const span = spanAt(spans, (word.startSeconds + word.endSeconds) / 2);
      const last = line[line.length - 1];
      const tooLong =
        last &&
        (word.endSeconds - line[0].startSeconds > SEGMENT_MAX_SECONDS ||
          textOf([...line, word]).length > SEGMENT_MAX_CHARS ||
          word.startSeconds - last.endSeconds > SEGMENT_MAX_GAP_SECONDS);
      if (last && (tooLong || span !== lineSpan)) flush();
      if (!line.length) lineSpan = span;
      line.push(word);
    }
    flush();
  }
  return segments;
}

function spanAt(spans: SpeechSpan[], seconds: number): SpeechSpan | null {
  return spans.find((s) => s.startSeconds <= seconds && seconds < s.endSeconds) ?? null;
}

const textOf = (words: RecognisedWord[]) => words.map((w) => w.text).join(' ');

function toSegment(words: RecognisedWord[], span: SpeechSpan | null): BuiltSegment {
  return {
    startSeconds: words[0].startSeconds,
    endSeconds: words[words.length - 1].endSeconds,
    text: textOf(words),
    interventionId: span?.interventionId ?? null,
    speaker: span ? speakerOfSpan(span) : null,
  };
}

function speakerOfSpan(span: SpeechSpan): TranscriptSpeaker | null {
  const { delegateName, delegationName, delegationCode } = speakerOf(span.row);
  if (!delegateName && !delegationName) return null;
  return {
    name: delegateName ?? delegationName ?? '',
    delegation: delegationName ? { code: delegationCode ?? '', name: delegationName } : null,
  };
}
