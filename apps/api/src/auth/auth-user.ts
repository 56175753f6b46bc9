import { Role } from '@rostrum/contracts';

/** Who is calling, as read from a verified access token. */
export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  delegationId: string | null;
  /** Token expiry, epoch seconds: sockets are closed when it passes. */
  expiresAt: number;
}

export interface AccessTokenClaims {
  sub: string;
  name: string;
  role: Role;
  del: string | null;
}
