import { createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { PUBLISHED_SECRETS } from './published-secrets';

const DEV_JWT_SECRET = 'rostrum-development-secret-do-not-use-in-production';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol.replace(':', ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(', ')})` },
  );

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` });

/** A comma-separated list, trimmed, without empty entries (unset: none). */
const commaList = (entry: z.ZodType<string, string>) =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(entry));

/** A browser origin: scheme, host and optional port, nothing after. */
const origin = z
  .string()
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[\da-f:.]+\](:\d{1,5})?$/i, {
    message: 'must be origins such as https://screens.example.org, comma-separated',
  });

/**
 * Whom to believe about the client's address and scheme (X-Forwarded-For / -Proto): unset, nobody (the
 * socket's own address); a number, that many proxy hops; else proxy addresses or CIDRs, comma-separated
 * (Express's `trust proxy` names loopback, linklocal and uniquelocal also work).
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    const given = (v ?? '').trim();
    if (!given) return false;
    if (/^\d+$/.test(given)) return Number(given);
    const entries = given.split(',').map((e) => e.trim());
    if (entries.every(isProxyAddress)) return entries;
    ctx.addIssue({
      code: 'custom',
      message: 'must be a hop count or proxy addresses/CIDRs, comma-separated (e.g. 10.0.0.0/8, 192.0.2.7)',
    });
    return z.NEVER;
  });

function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

/** A PKCS#8 PEM Ed25519 private key (`openssl genpkey -algorithm ed25519`); `\\n` escapes (one-line env files) read as newlines. */
const ed25519PrivateKeyPem = optionalString
  .transform((v) => v?.replace(/\\n/g, '\n').trim())
  .refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return createPrivateKey(v).asymmetricKeyType === 'ed25519';
      } catch {
        return false;
      }
    },
    { message: 'must be a PKCS#8 PEM Ed25519 private key (openssl genpkey -algorithm ed25519)' },
  );

/** An SMTP relay: smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), with a host. */
const smtpUrl = z.string().refine(
  (v) => {
    try {
      const u = new URL(v);
      return (
        ['smtp:', 'smtps:'].includes(u.protocol) && !!u.hostname && (u.pathname === '' || u.pathname === '/')
      );
    } catch {
      return false;
    }
  },
  { message: 'must be smtp://[user:pass@]host[:port] or smtps://[user:pass@]host[:port]' },
);

/** `someone@example.org` or `Display Name <someone@example.org>` (no line breaks: a header goes here). */
const mailbox = z
  .string()
  .trim()
  .refine((v) => {
    if (/[\r\n]/.test(v)) return false;
    const address = /^[^<>]*<([^<>]+)>$/.exec(v)?.[1] ?? v;
    return z.email().safeParse(address.trim()).success;
  }, 'must be an address, or Name <address> (e.g. Rostrum <no-reply@example.org>)');

/** The site's own address: http(s), a host, no query or fragment; a trailing slash is dropped. */
const publicUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return ['http:', 'https:'].includes(u.protocol) && !!u.hostname && !u.search && !u.hash && !u.username;
    } catch {
      return false;
    }
  }, "must be the site's address, e.g. https://rostrum.example.org (no query, no fragment)")
  .transform((v) => v.replace(/\/+$/, ''));

/** Every environment variable Rostrum reads, with its default. CONTRACT.md is the reference. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: wholeNumber(0, 65535).default(3000),
    DATABASE_URL: url(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/rostrum'),
    REDIS_URL: url(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
    /** Namespaces every Redis key and channel, so several deployments (or test files) can share one Redis. */
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, - or _')
      .default('rostrum'),
    JWT_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    JWT_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(12 * 3600),
    BOOTSTRAP_ADMIN_EMAIL: optionalString.pipe(z.email('must be an email address').optional()),
    BOOTSTRAP_ADMIN_PASSWORD: optionalString.pipe(
      z.string().min(10, 'must be at least 10 characters').optional(),
    ),
    LIVEKIT_URL: optionalString.pipe(url(['ws', 'wss', 'http', 'https']).optional()),
    LIVEKIT_API_KEY: optionalString,
    LIVEKIT_API_SECRET: optionalString,
    /** The LiveKit URL browsers connect to, when it differs from the one the API calls (e.g. inside docker-compose). */
    LIVEKIT_PUBLIC_URL: optionalString.pipe(url(['ws', 'wss', 'http', 'https']).optional()),
    RECORDINGS_DIR: z.string().min(1).default('./data/recordings'),
    ARCHIVE_DIR: z.string().min(1).default('./data/archive'),
    CORS_ORIGINS: optionalString.transform((v) =>
      v
        ? v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean)
        : [],
    ),
    WEBCAST_HLS: booleanFlag.default(false),
    /** With WEBCAST_HLS: the worker transcribes a live panel's HLS segments into `caption:segment` events. */
    LIVE_CAPTIONS: booleanFlag.default(false),
    /** Origins allowed to frame the room-display and overlay pages (/display/..., /overlay/...); unset: none. */
    DISPLAY_FRAME_ANCESTORS: commaList(origin),
    /** The recording archive's BullMQ tuning: retries with exponential backoff, and stalled-job recovery. */
    ARCHIVE_ATTEMPTS: wholeNumber(1, 20).default(3),
    ARCHIVE_BACKOFF_MS: wholeNumber(0, 3_600_000).default(15_000),
    ARCHIVE_LOCK_MS: wholeNumber(1000, 3_600_000).default(30_000),
    ARCHIVE_STALLED_INTERVAL_MS: wholeNumber(500, 3_600_000).default(30_000),
    /** How often a live panel's attendance is sampled from presence (one sample per panel per interval, across instances). */
    ATTENDANCE_SAMPLE_MS: wholeNumber(500, 3_600_000).default(60_000),
    /** Languages whose channel is transcribed after archiving (ISO 639-1 codes); each needs a model. */
    TRANSCRIBE_LANGUAGES: commaList(
      z.string().regex(/^[a-z]{2}$/, 'must be two-letter language codes'),
    ).transform((v) => (v.length ? [...new Set(v)] : ['en'])),
    /** Transcription is cut at silences into chunks of about this length: a crash loses at most one. */
    TRANSCRIBE_CHUNK_SECONDS: wholeNumber(5, 3600).default(60),
    TRANSCRIBE_ATTEMPTS: wholeNumber(1, 20).default(3),
    TRUST_PROXY: trustProxy,
    /** Serve the OpenAPI document and Swagger UI at /api/docs (default: everywhere but production). */
    API_DOCS: optionalString.pipe(booleanFlag.optional()),
    /** Signs the record of proceedings (Ed25519, PKCS#8 PEM); required in production. */
    RECORD_SIGNING_KEY: ed25519PrivateKeyPem,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Where mail goes (smtp://user:pass@host:587, smtps://…); unset: mail off (recorded, never sent). */
    SMTP_URL: optionalString.pipe(smtpUrl.optional()),
    /** The sender of every mail: an address, or `Name <address>`. */
    MAIL_FROM: optionalString.pipe(mailbox.optional()),
    /** The site's address, for links in mails; default http://localhost:$PORT. */
    PUBLIC_URL: optionalString.pipe(publicUrl.optional()),
    /** The mail queue's BullMQ tuning: tries (at least 5) with exponential backoff, and stalled-job recovery. */
    MAIL_ATTEMPTS: wholeNumber(5, 30).default(8),
    MAIL_BACKOFF_MS: wholeNumber(0, 3_600_000).default(30_000),
    MAIL_LOCK_MS: wholeNumber(1000, 3_600_000).default(30_000),
    MAIL_STALLED_INTERVAL_MS: wholeNumber(500, 3_600_000).default(30_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production') refuseUnsafeProductionValues(env, ctx);
    if (!!env.BOOTSTRAP_ADMIN_EMAIL !== !!env.BOOTSTRAP_ADMIN_PASSWORD) {
      const missing = env.BOOTSTRAP_ADMIN_EMAIL ? 'BOOTSTRAP_ADMIN_PASSWORD' : 'BOOTSTRAP_ADMIN_EMAIL';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'must be set together with its pair' });
    }
    const livekit = [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET];
    if ((livekit.some(Boolean) || env.LIVEKIT_PUBLIC_URL) && !livekit.every(Boolean)) {
      const missing = ['LIVEKIT_URL', 'LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'][livekit.findIndex((v) => !v)];
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'is required when any LIVEKIT_* variable is set',
      });
    }
    if (env.NODE_ENV === 'production' && env.SMTP_URL) {
      // Mail from production must not say it comes from, or link to, this machine's localhost.
      for (const variable of ['MAIL_FROM', 'PUBLIC_URL'] as const)
        if (!env[variable])
          ctx.addIssue({
            code: 'custom',
            path: [variable],
            message: 'is required when SMTP_URL is set in production',
          });
    }
    if (env.LIVEKIT_API_SECRET && env.LIVEKIT_API_SECRET.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['LIVEKIT_API_SECRET'],
        message: 'must be at least 32 characters',
      });
    }
  });

/**
 * Production never runs on a secret anyone can read in this repository, nor without the record's key
 * (CONTRACT.md, "Production refuses unsafe defaults"). The messages name the variable, never its value.
 */
function refuseUnsafeProductionValues(
  env: { JWT_SECRET?: string; LIVEKIT_API_SECRET?: string; RECORD_SIGNING_KEY?: string },
  ctx: z.RefinementCtx,
): void {
  const refuse = (variable: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [variable], message });
  if (!env.JWT_SECRET) {
    refuse('JWT_SECRET', 'is required when NODE_ENV=production (generate one: openssl rand -base64 48)');
  } else if (PUBLISHED_SECRETS.has(env.JWT_SECRET)) {
    refuse('JWT_SECRET', 'is a value published in the repository; generate one: openssl rand -base64 48');
  }
  if (env.LIVEKIT_API_SECRET && PUBLISHED_SECRETS.has(env.LIVEKIT_API_SECRET)) {
    refuse(
      'LIVEKIT_API_SECRET',
      'is a value published in the repository; generate a key pair: docker run --rm livekit/livekit-server generate-keys',
    );
  }
  if (!env.RECORD_SIGNING_KEY) {
    refuse(
      'RECORD_SIGNING_KEY',
      'is required when NODE_ENV=production (generate one: openssl genpkey -algorithm ed25519)',
    );
  }
}

export type Env = z.infer<typeof envSchema>;
export { DEV_JWT_SECRET };
