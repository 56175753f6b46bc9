import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runTool } from '../archive/ffmpeg';
import { RecognisedWord, SpeechEngine, Utterance } from './speech-engine';

/** The three parts of a PocketSphinx model, found inside one directory. */
export interface PocketSphinxModel {
  acousticModel: string;
  languageModel: string;
  dictionary: string;
}

/**
 * Finds a model laid out as Debian's pocketsphinx-en-us is: an acoustic model folder (the one holding `mdef`),
 * a binary language model (`*.lm.bin`, not the phone one) and a pronunciation dictionary (`*.dict`).
 * Throws naming what is missing, so a wrong TRANSCRIBE_MODEL_DIR_<LANG> is plain in the job's error.
 */
export function findPocketSphinxModel(dir: string): PocketSphinxModel {
  const entries = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : [];
  const acoustic = entries.find((e) => e.isDirectory() && existsSync(join(dir, e.name, 'mdef')));
  const lm = entries.find((e) => e.isFile() && e.name.endsWith('.lm.bin') && !e.name.includes('phone'));
  const dict = entries.find((e) => e.isFile() && e.name.endsWith('.dict'));
  if (!acoustic || !lm || !dict) {
    const missing = [!acoustic && 'an acoustic model folder', !lm && 'a *.lm.bin', !dict && 'a *.dict'];
    throw new Error(`The model directory ${dir} has no ${missing.filter(Boolean).join(', ')}`);
  }
  return {
    acousticModel: join(dir, acoustic.name),
    languageModel: join(dir, lm.name),
    dictionary: join(dir, dict.name),
  };
}

/**
 * Search limits measured on the benchmark corpus (docs/benchmarks.md, bench/transcripts.bench.ts): scoring the
 * 3 best Gaussians per frame instead of 4 and keeping at most 5,000 active HMMs per frame instead of 30,000
 * made it about 1.8 × faster for +0.9 point of word error (15.2 → 16.1 %). Narrower beams, `-topn 2`, `-ds 2`
 * or dropping the flat second pass cost more words for less time (see docs/transcripts.md).
 */
export const POCKETSPHINX_SPEED_OPTIONS = ['-topn', '3', '-maxhmmpf', '5000'];

/** The command line for one file, shared with the benchmark so it measures what the worker runs. */
export function pocketSphinxArgs(model: PocketSphinxModel, wavFile: string): string[] {
  return [
    ...['-infile', wavFile, '-time', 'yes', '-logfn', '/dev/null'],
    ...['-hmm', model.acousticModel, '-lm', model.languageModel, '-dict', model.dictionary],
    ...POCKETSPHINX_SPEED_OPTIONS,
  ];
}

/**
 * CMU PocketSphinx through `pocketsphinx_continuous -time yes`, which prints each utterance's text and then
 * one line per word: `word start end confidence`, times in seconds from the start of the file.
 */
export class PocketSphinxEngine implements SpeechEngine {
  readonly name = 'pocketsphinx';
  private readonly model: PocketSphinxModel;

  constructor(modelDir: string) {
    this.model = findPocketSphinxModel(modelDir);
  }

  async transcribe(wavFile: string): Promise<Utterance[]> {
    const out = await runTool('pocketsphinx_continuous', pocketSphinxArgs(this.model, wavFile));
    return parsePocketSphinxTimes(out);
  }
}

/** Markers and noise the recogniser reports as words: silence, sentence ends, fillers ("++breath++", "[noise]"). */
const NOT_A_WORD = /^(<s>|<\/s>|<sil>|\(null\)|\[.*\]|\+\+.*\+\+)$/i;
const WORD_LINE = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i;

/** `-time yes` output → utterances of real words; `word(2)` (a second pronunciation) reads as `word`. */
export function parsePocketSphinxTimes(output: string): Utterance[] {
  const utterances: Utterance[] = [];
  let words: RecognisedWord[] | null = null;
  for (const line of output.split('\n').map((l) => l.trim())) {
    const m = WORD_LINE.exec(line);
    if (!m) continue; // the utterance's text line: its words follow with their times
    const [, token, start, end] = m;
    if (token === '<s>') {
      words = [];
      utterances.push({ words });
    }
    if (NOT_A_WORD.test(token)) continue;
    if (!words) {
      words = [];
      utterances.push({ words });
    }
    words.push({ text: token.replace(/\(\d+\)$/, ''), startSeconds: Number(start), endSeconds: Number(end) });
  }
  return utterances.filter((u) => u.words.length > 0);
}
