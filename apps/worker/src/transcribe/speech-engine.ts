/** A recognised word with its times in seconds from the start of the audio given to the engine. */
export interface RecognisedWord {
  text: string;
  startSeconds: number;
  endSeconds: number;
}

/** What the engine heard between two pauses. */
export interface Utterance {
  words: RecognisedWord[];
}

/**
 * A speech recogniser behind the transcript queue. It gets a 16 kHz mono WAV file and answers the words with
 * their own times (never guessed from the text). Another engine is another implementation of this.
 */
export interface SpeechEngine {
  /** Stored on the transcript, e.g. "pocketsphinx". */
  readonly name: string;
  transcribe(wavFile: string): Promise<Utterance[]>;
}

/** The engine for a language, or null when the language has no model (its transcript is `unavailable`). */
export type SpeechEngineFactory = (language: string) => SpeechEngine | null;
