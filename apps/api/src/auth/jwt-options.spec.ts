import { JwtService } from '@nestjs/jwt';
import { KeyObject } from 'node:crypto';
import { loadConfig } from '@rostrum/config';
import { jwtOptions } from './jwt-options';
import { TokenService } from './token.service';

describe('jwtOptions', () => {
  const config = loadConfig({ JWT_SECRET: 'unit-test-secret-unit-test-secret-123' });

  it('should verify tokens signed with the plain secret when the key is built from it', () => {
    const sut = new TokenService(new JwtService(jwtOptions(config)), config);
    const plain = new JwtService({
      secret: config.jwt.secret,
      signOptions: { issuer: 'rostrum', audience: 'rostrum' },
    });
    const token = plain.sign({ sub: 'u1', name: 'Ana', role: 'delegate', del: 'd1', ver: 0 });

    expect(sut.verify(token)).toMatchObject({ id: 'u1', role: 'delegate', delegationId: 'd1' });
    expect(() => sut.verify(`${token.slice(0, -2)}xx`)).toThrow('Invalid token');
  });

  // Every socket handshake and REST request verifies a token: with the secret as a string jsonwebtoken tries
  // it as a PEM key first, every time (~0.35 ms each); with a KeyObject built once, ~10 µs (figures measured
  // by `npm run bench:connections`, not here).
  it('should hand jsonwebtoken a secret KeyObject built once from JWT_SECRET, not the string', () => {
    const { secret } = jwtOptions(config) as { secret: KeyObject };

    expect(secret).toBeInstanceOf(KeyObject);
    expect(secret.type).toBe('secret');
    expect(secret.export().toString('utf8')).toBe(config.jwt.secret);
  });
});
