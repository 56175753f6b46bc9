import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@rostrum/config';
import { ROLES } from '@rostrum/contracts';
import { AppError } from '../common/app-error';
import { AccessTokenClaims, AuthUser, TokenSubject } from './auth-user';

/**
 * Issues and verifies access tokens; the REST guard and the socket handshake share it. Only the signature,
 * algorithm, issuer, audience and expiry are checked here (no I/O): whether the token was revoked since is
 * the SessionService's question.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(user: TokenSubject): string {
    const claims: AccessTokenClaims = {
      sub: user.id,
      name: user.name,
      role: user.role,
      del: user.delegationId,
      ver: user.tokenVersion ?? 0,
    };
    return this.jwt.sign(claims, { expiresIn: this.config.jwt.ttlSeconds });
  }

  /** Throws UNAUTHENTICATED for a missing, malformed, tampered, foreign or expired token. */
  verify(token: string | undefined | null): AuthUser {
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    let claims: AccessTokenClaims & { exp: number };
    try {
      claims = this.jwt.verify(token);
    } catch (err) {
      const expired = (err as Error).name === 'TokenExpiredError';
      throw new AppError(
        'UNAUTHENTICATED',
        expired ? 'Your session has expired; sign in again' : 'Invalid token',
      );
    }
    if (!claims.sub || !ROLES.includes(claims.role) || !Number.isInteger(claims.ver)) {
      throw new AppError('UNAUTHENTICATED', 'Invalid token');
    }
    return {
      id: claims.sub,
      name: claims.name,
      role: claims.role,
      delegationId: claims.del ?? null,
      expiresAt: claims.exp,
      tokenVersion: claims.ver,
    };
  }
}
