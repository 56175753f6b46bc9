import { Role } from '@rostrum/contracts';

/** Who is calling, as read from a verified access token. */
export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  delegationId: string | null;
  /** Token expiry, epoch seconds: sockets are closed when it passes. */
  expiresAt: number;
  /** The user's token version when the token was issued: revocation moves the user's version on. */
  tokenVersion: number;
}

export interface AccessTokenClaims {
  sub: string;
  name: string;
  role: Role;
  del: string | null;
  ver: number;
}

/** What a token is issued from (a user row, or a test's stand-in). */
export interface TokenSubject {
  id: string;
  name: string;
  role: Role;
  delegationId: string | null;
  tokenVersion?: number;
}
