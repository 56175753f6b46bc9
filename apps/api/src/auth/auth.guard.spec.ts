import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@rostrum/config';
import { Role } from '@rostrum/contracts';
import { PanelAccessService } from '../panels/panel-access.service';
import { Allowed, ALLOWED, IS_PUBLIC, PANEL_MODERATOR } from './auth.decorators';
import { AuthGuard } from './auth.guard';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

const PANEL = '11111111-1111-4111-8111-111111111111';
const MODERATOR_OF_PANEL = 'mod-of-panel';

describe('AuthGuard', () => {
  const config = loadConfig({ JWT_SECRET: 'unit-test-secret-unit-test-secret-123' });
  const jwt = new JwtService({
    secret: config.jwt.secret,
    signOptions: { issuer: 'rostrum', audience: 'rostrum' },
    verifyOptions: { issuer: 'rostrum', audience: 'rostrum' },
  });
  const tokens = new TokenService(jwt, config);
  const panelAccess = {
    isModerator: async (panelId: string, userId: string) =>
      panelId === PANEL && userId === MODERATOR_OF_PANEL,
  };
  let metadata: { [IS_PUBLIC]?: boolean; [ALLOWED]?: Allowed[] };
  const reflector = {
    getAllAndOverride: (key: string) => metadata[key as keyof typeof metadata],
  } as unknown as Reflector;
  // Revocation is the SessionService's (tested end to end); here every valid token stands.
  const sessions = { authenticate: async (token?: string) => tokens.verify(token) };
  const sut = new AuthGuard(
    reflector,
    sessions as unknown as SessionService,
    panelAccess as unknown as PanelAccessService,
    config,
  );

  const context = (
    authorization?: string,
    params: Record<string, string> = {},
    extra: { headers?: Record<string, string>; method?: string } = {},
  ) => {
    const headers = { ...(authorization ? { authorization } : {}), ...extra.headers };
    const req = { headers, params, method: extra.method ?? 'GET', secure: false } as Record<string, unknown>;
    const res = { clearCookie: jest.fn() };
    const ctx = {
      getType: () => 'http',
      getHandler: () => undefined,
      getClass: () => undefined,
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ExecutionContext;
    return { ctx, req };
  };
  const bearer = (id: string, role: Role) =>
    `Bearer ${tokens.issue({ id, name: id, role, delegationId: null })}`;

  beforeEach(() => (metadata = {}));

  it('should let a public route through without a token', async () => {
    metadata[IS_PUBLIC] = true;
    await expect(sut.canActivate(context().ctx)).resolves.toBe(true);
  });

  it('should refuse a missing, malformed or foreign-signed token with UNAUTHENTICATED', async () => {
    const foreign = new TokenService(
      new JwtService({ secret: 'another-secret-another-secret-12345' }),
      config,
    );
    for (const header of [
      undefined,
      'Bearer',
      'Basic abc',
      'Bearer not.a.jwt',
      `Bearer ${foreign.issue({ id: 'x', name: 'x', role: 'admin', delegationId: null })}`,
    ]) {
      await expect(sut.canActivate(context(header).ctx)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('should attach the user and allow any signed-in role when the route names none', async () => {
    const { ctx, req } = context(bearer('u1', 'delegate'));
    await expect(sut.canActivate(ctx)).resolves.toBe(true);
    expect(req.user).toMatchObject({ id: 'u1', role: 'delegate', delegationId: null });
  });

  it('should allow the listed roles and admin, and refuse others with FORBIDDEN', async () => {
    metadata[ALLOWED] = ['staff'];
    await expect(sut.canActivate(context(bearer('s', 'staff')).ctx)).resolves.toBe(true);
    await expect(sut.canActivate(context(bearer('a', 'admin')).ctx)).resolves.toBe(true);
    await expect(sut.canActivate(context(bearer('d', 'delegate')).ctx)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('should allow a moderator of the route panel and refuse a moderator of another panel', async () => {
    metadata[ALLOWED] = [PANEL_MODERATOR];
    await expect(
      sut.canActivate(context(bearer(MODERATOR_OF_PANEL, 'moderator'), { id: PANEL }).ctx),
    ).resolves.toBe(true);
    await expect(
      sut.canActivate(context(bearer('other-mod', 'moderator'), { id: PANEL }).ctx),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      sut.canActivate(
        context(bearer(MODERATOR_OF_PANEL, 'moderator'), { id: '22222222-2222-4222-8222-222222222222' }).ctx,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  describe('with the session cookie', () => {
    const cookie = (id: string) => `rostrum_session=${bearer(id, 'delegate').slice('Bearer '.length)}`;
    const write = (origin?: string) =>
      context(
        undefined,
        {},
        {
          method: 'POST',
          headers: { cookie: cookie('u2'), host: 'rostrum.example:3000', ...(origin ? { origin } : {}) },
        },
      ).ctx;

    it('should accept the cookie for reads whatever the origin', async () => {
      const { ctx, req } = context(undefined, {}, { headers: { cookie: cookie('u2') } });
      await expect(sut.canActivate(ctx)).resolves.toBe(true);
      expect(req.user).toMatchObject({ id: 'u2' });
    });

    it('should refuse a cookie-only write without Origin or from another site with FORBIDDEN', async () => {
      await expect(sut.canActivate(write())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(sut.canActivate(write('https://evil.example'))).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(sut.canActivate(write('http://rostrum.example:3000'))).resolves.toBe(true);
    });
  });
});
