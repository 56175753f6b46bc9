import { AppConfig } from '@rostrum/config';
import { PocketSphinxEngine } from './pocketsphinx-engine';
import { SpeechEngine, SpeechEngineFactory } from './speech-engine';

/** The default engine, and the only one so far. */
export const ENGINE_NAME = 'pocketsphinx';

/** Nest token of the SpeechEngineFactory (a test can provide another engine). */
export const SPEECH_ENGINES = Symbol('SPEECH_ENGINES');

/** PocketSphinx for each language with a model directory in the config; an engine is built once per language. */
export function pocketSphinxEngines(config: AppConfig): SpeechEngineFactory {
  const engines = new Map<string, SpeechEngine>();
  return (language) => {
    const dir = config.transcribe.modelDirs[language];
    if (!dir) return null;
    let engine = engines.get(language);
    if (!engine) {
      engine = new PocketSphinxEngine(dir);
      engines.set(language, engine);
    }
    return engine;
  };
}
