import { createHash, randomBytes } from 'node:crypto';

/**
 * Secrets handed to a person once (invitation codes, password-reset tokens) and stored only as a hash. They
 * are 144 random bits, so a fast hash is enough: nobody can guess one to try against the hash.
 */
export const newSecretToken = (): string => randomBytes(18).toString('base64url');

export const hashSecretToken = (token: string): string => createHash('sha256').update(token).digest('hex');
