import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { envSchema, DEV_JWT_SECRET } from './config.schema';
import { isSecretVariable, withoutPassword } from './published-secrets';

export interface LiveKitConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
  /** What browsers connect to (LIVEKIT_PUBLIC_URL, else LIVEKIT_URL). */
  publicUrl: string;
}

export interface ArchiveQueueConfig {
  /** Tries per archive job (BullMQ `attempts`), with exponential backoff starting at `backoffMs`. */
  attempts: number;
  backoffMs: number;
  /** A worker's lock on its job; a job whose lock lapses (killed worker) is taken up again. */
  lockMs: number;
  stalledIntervalMs: number;
}

export interface MailConfig {
  /** SMTP_URL; null: mail off — mails are recorded in the outbox as failed (`MAIL_OFF`), never sent. */
  smtpUrl: string | null;
  from: string;
  /** The site's address for links in mails (PUBLIC_URL, else http://localhost:$PORT), no trailing slash. */
  publicUrl: string;
  /** Tries per mail (at least 5), exponential backoff from `backoffMs`; a killed worker's job comes back after `lockMs`. */
  attempts: number;
  backoffMs: number;
  lockMs: number;
  stalledIntervalMs: number;
}

export interface TranscribeConfig {
  /** TRANSCRIBE_LANGUAGES, e.g. ["en", "fr"]. */
  languages: string[];
  /** The model directory of each language that has one; a language without one is reported `unavailable`. */
  modelDirs: Record<string, string>;
  chunkSeconds: number;
  attempts: number;
}

/** Where Debian's pocketsphinx-en-us puts the US-English model: English works out of the box. */
export const DEBIAN_EN_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

/** The typed, validated configuration every app receives. Built once, at boot. */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  jwt: { secret: string; ttlSeconds: number; isDevelopmentSecret: boolean };
  bootstrapAdmin: { email: string; password: string } | null;
  livekit: LiveKitConfig | null;
  recordingsDir: string;
  archiveDir: string;
  archive: ArchiveQueueConfig;
  mail: MailConfig;
  transcribe: TranscribeConfig;
  corsOrigins: string[];
  /** Origins that may frame /display/... and /overlay/... pages (CSP frame-ancestors). */
  displayFrameAncestors: string[];
  webcastHls: boolean;
  /** LIVE_CAPTIONS (and WEBCAST_HLS): the worker captions live panels from their HLS segments. */
  liveCaptions: boolean;
  /** How often a live panel's attendance is sampled (ATTENDANCE_SAMPLE_MS, default a minute). */
  attendanceSampleMs: number;
  /** Express `trust proxy`: false (the socket's address), a hop count, or proxy addresses/CIDRs. */
  trustProxy: false | number | string[];
  /** Serve /api/docs (API_DOCS; by default everywhere but production). */
  apiDocs: boolean;
  /** The record's Ed25519 signing key, PKCS#8 PEM (RECORD_SIGNING_KEY); null outside production when unset. */
  recordSigningKey: string | null;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Validates an environment (process.env by default) into an AppConfig, or throws ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue.path[0] ?? 'environment');
    const given = env[variable];
    // A secret is never printed, even a wrong one; a URL's password neither.
    const problem =
      given === undefined || issue.code === 'custom' || isSecretVariable(variable)
        ? issue.message
        : `${issue.message} (got "${withoutPassword(given)}")`;
    throw new ConfigError(variable, problem);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    jwt: {
      secret: e.JWT_SECRET ?? DEV_JWT_SECRET,
      ttlSeconds: e.JWT_TTL_SECONDS,
      isDevelopmentSecret: !e.JWT_SECRET,
    },
    bootstrapAdmin:
      e.BOOTSTRAP_ADMIN_EMAIL && e.BOOTSTRAP_ADMIN_PASSWORD
        ? { email: e.BOOTSTRAP_ADMIN_EMAIL.toLowerCase(), password: e.BOOTSTRAP_ADMIN_PASSWORD }
        : null,
    livekit:
      e.LIVEKIT_URL && e.LIVEKIT_API_KEY && e.LIVEKIT_API_SECRET
        ? {
            url: e.LIVEKIT_URL,
            apiKey: e.LIVEKIT_API_KEY,
            apiSecret: e.LIVEKIT_API_SECRET,
            publicUrl: e.LIVEKIT_PUBLIC_URL ?? e.LIVEKIT_URL,
          }
        : null,
    recordingsDir: path.resolve(e.RECORDINGS_DIR),
    archiveDir: path.resolve(e.ARCHIVE_DIR),
    archive: {
      attempts: e.ARCHIVE_ATTEMPTS,
      backoffMs: e.ARCHIVE_BACKOFF_MS,
      lockMs: e.ARCHIVE_LOCK_MS,
      stalledIntervalMs: e.ARCHIVE_STALLED_INTERVAL_MS,
    },
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? 'Rostrum <no-reply@localhost>',
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
      attempts: e.MAIL_ATTEMPTS,
      backoffMs: e.MAIL_BACKOFF_MS,
      lockMs: e.MAIL_LOCK_MS,
      stalledIntervalMs: e.MAIL_STALLED_INTERVAL_MS,
    },
    transcribe: {
      languages: e.TRANSCRIBE_LANGUAGES,
      modelDirs: modelDirsOf(e.TRANSCRIBE_LANGUAGES, env),
      chunkSeconds: e.TRANSCRIBE_CHUNK_SECONDS,
      attempts: e.TRANSCRIBE_ATTEMPTS,
    },
    corsOrigins: e.CORS_ORIGINS,
    displayFrameAncestors: e.DISPLAY_FRAME_ANCESTORS,
    webcastHls: e.WEBCAST_HLS,
    liveCaptions: e.LIVE_CAPTIONS && e.WEBCAST_HLS,
    attendanceSampleMs: e.ATTENDANCE_SAMPLE_MS,
    trustProxy: e.TRUST_PROXY,
    apiDocs: e.API_DOCS ?? e.NODE_ENV !== 'production',
    recordSigningKey: e.RECORD_SIGNING_KEY ?? null,
    logLevel: e.LOG_LEVEL,
  };
}

/** TRANSCRIBE_MODEL_DIR_<LANG> for each language (a name per language, so not in the fixed schema). */
function modelDirsOf(languages: string[], env: Record<string, string | undefined>): Record<string, string> {
  const dirs: Record<string, string> = {};
  for (const language of languages) {
    const given = env[`TRANSCRIBE_MODEL_DIR_${language.toUpperCase()}`]?.trim();
    if (given) dirs[language] = path.resolve(given);
    else if (language === 'en' && existsSync(DEBIAN_EN_MODEL_DIR)) dirs[language] = DEBIAN_EN_MODEL_DIR;
  }
  return dirs;
}

/**
 * For entry points: load the config or print one line naming the variable and exit(1).
 * A stack trace would bury the one fact the operator needs.
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  // A .env file in the working directory fills in what the real environment does not set.
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
