/*
 * Accreditation over REST (CONTRACT.md → "Accreditation: events, participants, invitations and mail"):
 * events' time zone, quota and groups; delegations' region, PATCH and CSV import; invitations tied to an
 * event (list without codes, resend, revoke, lookup, the email binding); the participants list; focal points.
 */
import request from 'supertest';
import type { CreatedInvitation, EventView, InvitationView, ParticipantView } from '@rostrum/contracts';
import { DelegationEntity, EventEntity, InvitationEntity, UserEntity } from '@rostrum/database';
import { accredit, makeDelegation, makeEvent, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';

describe('accreditation over REST (e2e)', () => {
  let api: TestApi;
  let staff: UserEntity;

  beforeAll(async () => {
    api = await startTestApi();
    staff = await makeUser(api.db, 'staff');
  });
  afterAll(() => api.close());

  const as = (user: UserEntity | null) => {
    const auth = (req: request.Test) =>
      user ? req.set('Authorization', `Bearer ${api.tokenFor(user)}`) : req;
    return {
      get: (path: string) => auth(request(api.url).get(path)),
      post: (path: string, body?: object) => auth(request(api.url).post(path)).send(body),
      patch: (path: string, body: object) => auth(request(api.url).patch(path)).send(body),
      delete: (path: string) => auth(request(api.url).delete(path)),
      csv: (path: string, text: string) =>
        auth(request(api.url).post(path)).set('Content-Type', 'text/csv').send(text),
    };
  };
  const register = (code: string, email: string, name = 'New Person') =>
    request(api.url)
      .post('/api/auth/register')
      .send({ invitationCode: code, name, email, password: 'long-enough-password' });

  describe('events: timezone, delegateQuota, groups', () => {
    const base = {
      title: 'Fourth session',
      startsAt: '2026-11-04T08:00:00Z',
      endsAt: '2026-11-04T16:00:00Z',
    };

    it('should default to UTC, a quota of 5 and no groups, and keep what is given', async () => {
      const plain = await as(staff).post('/api/events', base).expect(201);
      expect(plain.body).toMatchObject({ timezone: 'UTC', delegateQuota: 5, groups: [] });
      const groups = ['Africa Group', 'Asia and the Pacific Group', 'GRULAC', 'China'];
      const given = await as(staff)
        .post('/api/events', { ...base, timezone: 'Europe/Zurich', delegateQuota: null, groups })
        .expect(201);
      expect(given.body).toMatchObject({ timezone: 'Europe/Zurich', delegateQuota: null, groups });
      const read = await as(staff).get(`/api/events/${given.body.id}`).expect(200);
      expect(read.body).toMatchObject({ timezone: 'Europe/Zurich', delegateQuota: null, groups });
    });

    it.each([
      [{ timezone: 'Mars/Olympus_Mons' }, 'timezone'],
      [{ timezone: '+02:00' }, 'timezone'],
      [{ delegateQuota: -1 }, 'delegateQuota'],
      [{ delegateQuota: 2.5 }, 'delegateQuota'],
      [{ groups: [''] }, 'groups'],
    ])('should refuse %p with VALIDATION_FAILED', async (fields, field) => {
      const res = await as(staff)
        .post('/api/events', { ...base, ...fields })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(field) });
    });

    it('should change the zone, quota and groups with PATCH (staff only)', async () => {
      const event = await makeEvent(api.db);
      const res = await as(staff)
        .patch(`/api/events/${event.id}`, {
          timezone: 'Asia/Shanghai',
          delegateQuota: 2,
          groups: ['Group B'],
        })
        .expect(200);
      expect(res.body as EventView).toMatchObject({
        timezone: 'Asia/Shanghai',
        delegateQuota: 2,
        groups: ['Group B'],
        title: event.title,
      });
      await as(staff).patch(`/api/events/${event.id}`, { title: null }).expect(400);
      await as(await makeUser(api.db, 'moderator'))
        .patch(`/api/events/${event.id}`, { timezone: 'UTC' })
        .expect(403);
    });
  });

  describe('delegations: region, PATCH, CSV import', () => {
    it('should keep a region and change it with PATCH', async () => {
      const created = await as(staff)
        .post('/api/delegations', { name: 'Chile', kind: 'member_state', code: 'CHL', region: 'GRULAC' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        name: 'Chile',
        kind: 'member_state',
        code: 'CHL',
        region: 'GRULAC',
      });
      const patched = await as(staff)
        .patch(`/api/delegations/${created.body.id}`, { name: 'Republic of Chile', region: null })
        .expect(200);
      expect(patched.body).toMatchObject({ name: 'Republic of Chile', code: 'CHL', region: null });
      await as(staff)
        .patch(`/api/delegations/${created.body.id}`, { kind: 'member_state', code: 'CH1' })
        .expect(400);
      await as(await makeUser(api.db, 'delegate'))
        .patch(`/api/delegations/${created.body.id}`, { region: 'x' })
        .expect(403);
    });

    it('should import delegations from CSV, updating existing codes, and change nothing when a row is bad', async () => {
      await makeDelegation(api.db, { name: 'Old Peru', code: 'PER' });
      const good = 'name;kind;code;region\nPerú;member_state;PER;GRULAC\nMéxico;member_state;mex;GRULAC\n';
      const dry = await as(staff).csv('/api/delegations/import?dryRun=true', good).expect(200);
      expect(dry.body).toEqual({ rows: 2, valid: 2, created: 0, updated: 0, skipped: 0, errors: [] });
      expect(await api.db.getRepository(DelegationEntity).existsBy({ code: 'MEX' })).toBe(false);
      const done = await as(staff).csv('/api/delegations/import', good).expect(200);
      expect(done.body).toMatchObject({ rows: 2, created: 1, updated: 1, errors: [] });
      expect(await api.db.getRepository(DelegationEntity).findOneBy({ code: 'PER' })).toMatchObject({
        name: 'Perú',
        region: 'GRULAC',
      });
      const again = await as(staff).csv('/api/delegations/import', good).expect(200);
      expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: 2 });

      const bad = 'name,kind,code,region\nNorway,member_state,NOR,Group B\nAtlantis,empire,ATL,\n';
      const refused = await as(staff).csv('/api/delegations/import', bad).expect(400);
      expect(refused.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        rows: 2,
        valid: 1,
        errors: [{ row: 3, field: 'kind', message: expect.any(String) }],
      });
      expect(await api.db.getRepository(DelegationEntity).existsBy({ code: 'NOR' })).toBe(false);
    });
  });

  describe('invitations', () => {
    let event: EventEntity;
    let kenya: DelegationEntity;

    beforeAll(async () => {
      event = await makeEvent(api.db, { title: 'Kenya session', timezone: 'Africa/Nairobi' });
      kenya = await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' });
    });

    const invite = (body: object, who: UserEntity = staff) => as(who).post('/api/invitations', body);

    it('should need an event for delegates, and refuse an unknown event', async () => {
      const res = await invite({ role: 'delegate', delegationId: kenya.id }).expect(400);
      expect(res.body.message).toContain('eventId');
      await invite({ role: 'delegate', delegationId: kenya.id, eventId: crypto.randomUUID() }).expect(404);
      await invite({ role: 'delegate', delegationId: kenya.id, eventId: event.id, language: 'de' }).expect(
        400,
      );
      await invite({ role: 'panelist', eventId: event.id, focalPoint: true }).expect(400);
      await invite({ role: 'panelist', eventId: event.id, send: true }).expect(400);
    });

    it('should look up the event, name and email for the registration page, then accredit on redeeming', async () => {
      const created = await invite({
        role: 'delegate',
        eventId: event.id,
        delegationId: kenya.id,
        email: 'Wanjiru@Example.org',
        name: 'Wanjiru Kamau',
        language: 'fr',
        focalPoint: true,
      }).expect(201);
      const inv = created.body as CreatedInvitation;
      expect(inv).toMatchObject({
        email: 'wanjiru@example.org',
        name: 'Wanjiru Kamau',
        language: 'fr',
        focalPoint: true,
        sentAt: null,
      });
      const lookup = await request(api.url)
        .post('/api/invitations/lookup')
        .send({ code: inv.code })
        .expect(200);
      expect(lookup.body).toEqual({
        role: 'delegate',
        delegation: { id: kenya.id, name: 'Kenya', code: 'KEN' },
        event: {
          id: event.id,
          title: 'Kenya session',
          startsAt: event.startsAt.toISOString(),
          endsAt: event.endsAt.toISOString(),
          timezone: 'Africa/Nairobi',
        },
        email: 'wanjiru@example.org',
        name: 'Wanjiru Kamau',
        language: 'fr',
        focalPoint: true,
        expiresAt: inv.expiresAt,
        status: 'pending',
      });
      // Bound to its email
      const other = await register(inv.code, 'someone.else@example.org').expect(403);
      expect(other.body.code).toBe('FORBIDDEN');
      const reg = await register(inv.code, 'wanjiru@example.org', 'Wanjiru Kamau').expect(201);

      const people = await as(staff).get(`/api/events/${event.id}/participants?q=wanjiru`).expect(200);
      expect(people.body as ParticipantView[]).toEqual([
        {
          user: { ...reg.body.user },
          name: 'Wanjiru Kamau',
          email: 'wanjiru@example.org',
          role: 'delegate',
          delegation: { id: kenya.id, name: 'Kenya', code: 'KEN', kind: 'member_state', region: null },
          status: 'accredited',
          focalPoint: true,
          invitation: { id: inv.id, status: 'accepted', sentAt: null, expiresAt: inv.expiresAt },
        },
      ]);
      // A second invitation for an accredited email is a conflict
      await invite({
        role: 'delegate',
        eventId: event.id,
        delegationId: kenya.id,
        email: 'wanjiru@example.org',
      }).expect(409);
    });

    it('should resend with a new code (the old one stops working) and revoke (410 INVITATION_REVOKED)', async () => {
      const first = (
        await invite({
          role: 'delegate',
          eventId: event.id,
          delegationId: kenya.id,
          email: 'otieno@example.org',
        }).expect(201)
      ).body as CreatedInvitation;
      const resent = await as(staff).post(`/api/invitations/${first.id}/resend`).expect(200);
      expect(resent.body).toMatchObject({
        id: first.id,
        email: 'otieno@example.org',
        code: expect.any(String),
      });
      expect(resent.body.code).not.toBe(first.code);
      await request(api.url).post('/api/invitations/lookup').send({ code: first.code }).expect(404);
      await register(first.code, 'otieno@example.org').expect(404);

      await as(staff).post(`/api/invitations/${first.id}/revoke`).expect(204);
      await as(staff).post(`/api/invitations/${first.id}/revoke`).expect(204);
      const refused = await register(resent.body.code, 'otieno@example.org').expect(410);
      expect(refused.body).toEqual({
        statusCode: 410,
        code: 'INVITATION_REVOKED',
        message: expect.any(String),
      });
      const lookup = await request(api.url)
        .post('/api/invitations/lookup')
        .send({ code: resent.body.code })
        .expect(200);
      expect(lookup.body.status).toBe('revoked');
      expect((await as(staff).post(`/api/invitations/${first.id}/resend`).expect(410)).body.code).toBe(
        'INVITATION_REVOKED',
      );
      // Revoked invitations leave the participants list
      const people = await as(staff).get(`/api/events/${event.id}/participants?q=otieno`).expect(200);
      expect(people.body).toEqual([]);
    });

    it('should list invitations by event and status, newest first, never with a code', async () => {
      const listEvent = await makeEvent(api.db);
      const ids: string[] = [];
      for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
        const res = await invite({
          role: 'delegate',
          eventId: listEvent.id,
          delegationId: kenya.id,
          email,
        }).expect(201);
        ids.push(res.body.id);
      }
      await as(staff).post(`/api/invitations/${ids[0]}/revoke`).expect(204);
      await api.db.getRepository(InvitationEntity).update(ids[1], { expiresAt: new Date(Date.now() - 1000) });
      const all = await as(staff).get(`/api/invitations?eventId=${listEvent.id}`).expect(200);
      expect(all.headers['x-total-count']).toBe('3');
      expect((all.body as InvitationView[]).map((i) => [i.email, i.status])).toEqual([
        ['c@example.org', 'pending'],
        ['b@example.org', 'expired'],
        ['a@example.org', 'revoked'],
      ]);
      expect(Object.keys(all.body[0]).sort()).toEqual(
        [
          'acceptedAt',
          'delegationId',
          'email',
          'eventId',
          'expiresAt',
          'focalPoint',
          'id',
          'language',
          'name',
          'role',
          'sentAt',
          'status',
        ].sort(),
      );
      expect(JSON.stringify(all.body)).not.toMatch(/code/i);
      const pending = await as(staff)
        .get(`/api/invitations?eventId=${listEvent.id}&status=pending&limit=1`)
        .expect(200);
      expect(pending.body.map((i: InvitationView) => i.email)).toEqual(['c@example.org']);
      await as(staff).get('/api/invitations?status=lost').expect(400);
      await as(await makeUser(api.db, 'moderator'))
        .get('/api/invitations')
        .expect(403);
      await as(await makeUser(api.db, 'delegate'))
        .get('/api/invitations')
        .expect(403);
    });
  });

  describe('participants', () => {
    let event: EventEntity;
    let brazil: DelegationEntity;
    let ana: UserEntity;

    beforeAll(async () => {
      event = await makeEvent(api.db);
      brazil = await makeDelegation(api.db, { name: 'Brazil', code: 'BRA', kind: 'member_state' });
      ana = await makeUser(api.db, 'delegate', {
        name: 'Ana Pereira',
        delegationId: brazil.id,
        accreditedTo: [],
      });
    });

    it('should accredit an existing account, list it with filters, and revoke it', async () => {
      const added = await as(staff)
        .post(`/api/events/${event.id}/participants`, { userId: ana.id, focalPoint: true })
        .expect(201);
      expect(added.body).toMatchObject({
        user: { id: ana.id },
        status: 'accredited',
        focalPoint: true,
        invitation: null,
      });
      await as(staff)
        .post('/api/invitations', {
          role: 'delegate',
          eventId: event.id,
          delegationId: brazil.id,
          email: 'joao@example.org',
          name: 'João Silva',
        })
        .expect(201);
      const list = await as(staff)
        .get(`/api/events/${event.id}/participants?delegationId=${brazil.id}`)
        .expect(200);
      expect((list.body as ParticipantView[]).map((p) => [p.name, p.status, p.user?.id ?? null])).toEqual([
        ['Ana Pereira', 'accredited', ana.id],
        ['João Silva', 'invited', null],
      ]);
      expect(list.headers['x-total-count']).toBe('2');
      const invited = await as(staff).get(`/api/events/${event.id}/participants?status=invited`).expect(200);
      expect(invited.body).toEqual([
        expect.objectContaining({
          name: 'João Silva',
          user: null,
          invitation: expect.objectContaining({ status: 'pending' }),
        }),
      ]);
      const page = await as(staff)
        .get(`/api/events/${event.id}/participants?delegationId=${brazil.id}&limit=1&offset=1`)
        .expect(200);
      expect(page.body.map((p: ParticipantView) => p.name)).toEqual(['João Silva']);
      expect(page.headers['x-total-count']).toBe('2');

      await as(staff).delete(`/api/events/${event.id}/participants/${ana.id}`).expect(204);
      const revoked = await as(staff).get(`/api/events/${event.id}/participants?status=revoked`).expect(200);
      expect(revoked.body).toEqual([
        expect.objectContaining({ name: 'Ana Pereira', status: 'revoked', focalPoint: false }),
      ]);
      await as(staff).delete(`/api/events/${event.id}/participants/${crypto.randomUUID()}`).expect(404);
      await as(staff)
        .post(`/api/events/${event.id}/participants`, { userId: crypto.randomUUID() })
        .expect(404);
      await as(staff).get(`/api/events/${event.id}/participants?status=lost`).expect(400);
      await as(await makeUser(api.db, 'moderator'))
        .get(`/api/events/${event.id}/participants`)
        .expect(403);
    });
  });

  describe('focal points', () => {
    let event: EventEntity;
    let own: DelegationEntity;
    let other: DelegationEntity;
    let focal: UserEntity;

    beforeAll(async () => {
      event = await makeEvent(api.db, { delegateQuota: 3 });
      own = await makeDelegation(api.db, { name: 'Senegal', code: 'SEN' });
      other = await makeDelegation(api.db, { name: 'India', code: 'IND' });
      focal = await makeUser(api.db, 'delegate', { delegationId: own.id, accreditedTo: [] });
      await accredit(api.db, focal, event, { focalPoint: true });
    });

    const invite = (email: string, fields: object = {}) =>
      as(focal).post('/api/invitations', { role: 'delegate', eventId: event.id, email, ...fields });

    it('should invite up to the quota (accredited + pending), then answer 409 QUOTA_EXCEEDED', async () => {
      // The focal point holds one of the three places.
      const a = await invite('awa@example.org').expect(201);
      expect(a.body.delegationId).toBe(own.id);
      await invite('moussa@example.org', { delegationId: own.id }).expect(201);
      const over = await invite('fatou@example.org').expect(409);
      expect(over.body).toEqual({ statusCode: 409, code: 'QUOTA_EXCEEDED', message: expect.any(String) });
      // Revoking an invitation frees its place.
      await as(focal).post(`/api/invitations/${a.body.id}/revoke`).expect(204);
      await invite('fatou@example.org').expect(201);
      // Staff are not held to the quota.
      await as(staff)
        .post('/api/invitations', {
          role: 'delegate',
          eventId: event.id,
          delegationId: own.id,
          email: 'extra@example.org',
        })
        .expect(201);
    });

    it('should see, resend and revoke only their own delegation in their event; FORBIDDEN otherwise', async () => {
      const theirs = await as(staff)
        .post('/api/invitations', {
          role: 'delegate',
          eventId: event.id,
          delegationId: other.id,
          email: 'priya@example.org',
        })
        .expect(201);
      const forbidden = [
        await invite('x@example.org', { delegationId: other.id }),
        await as(focal).post('/api/invitations', {
          role: 'delegate',
          eventId: (await makeEvent(api.db)).id,
          email: 'y@example.org',
        }),
        await as(focal).post('/api/invitations', { role: 'panelist', eventId: event.id }),
        await invite('z@example.org', { focalPoint: true }),
        await as(focal).post(`/api/invitations/${theirs.body.id}/resend`),
        await as(focal).post(`/api/invitations/${theirs.body.id}/revoke`),
        await as(focal).get(`/api/events/${(await makeEvent(api.db)).id}/participants`),
      ];
      expect(forbidden.map((r) => [r.status, r.body.code])).toEqual(forbidden.map(() => [403, 'FORBIDDEN']));

      const list = await as(focal).get(`/api/invitations?eventId=${event.id}`).expect(200);
      expect((list.body as InvitationView[]).every((i) => i.delegationId === own.id)).toBe(true);
      expect(list.body.length).toBeGreaterThan(0);
      const people = await as(focal).get(`/api/events/${event.id}/participants`).expect(200);
      expect((people.body as ParticipantView[]).every((p) => p.delegation?.id === own.id)).toBe(true);
      const pending = (list.body as InvitationView[]).find((i) => i.status === 'pending')!;
      await as(focal).post(`/api/invitations/${pending.id}/resend`).expect(200);
    });

    it("should let a focal point revoke their delegation's participants, and nobody else's", async () => {
      const colleague = await makeUser(api.db, 'delegate', { delegationId: own.id, accreditedTo: [event] });
      const stranger = await makeUser(api.db, 'delegate', { delegationId: other.id, accreditedTo: [event] });
      await as(focal).delete(`/api/events/${event.id}/participants/${stranger.id}`).expect(403);
      await as(focal).delete(`/api/events/${event.id}/participants/${colleague.id}`).expect(204);
      const delegate = await makeUser(api.db, 'delegate', { delegationId: own.id, accreditedTo: [event] });
      await as(delegate).delete(`/api/events/${event.id}/participants/${colleague.id}`).expect(403);
      await as(delegate).get(`/api/invitations`).expect(403);
    });
  });
});
