import request from 'supertest';
import { PanelEntity } from '@rostrum/database';
import { makeUser } from '@rostrum/test-harness';
import { joined, livePanel, liveTestApi } from './support/floor-fixture';

/** A JSON text with own `__proto__` / `constructor` / `prototype` keys, as JSON.parse makes them. */
const raw = (json: string) => JSON.parse(json) as object;

describe('payload hardening (e2e)', () => {
  const t = liveTestApi();

  const patch = (token: string, panelId: string, body: string) =>
    request(t.api.url)
      .patch(`/api/panels/${panelId}`)
      .auth(token, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send(body);

  describe('prototype keys', () => {
    it.each([
      ['__proto__', '{"title":"Changed","__proto__":{"title":"Polluted"}}'],
      ['constructor', '{"title":"Changed","constructor":{"prototype":{"x":1}}}'],
      ['prototype', '{"title":"Changed","prototype":{"x":1}}'],
      ['settings.__proto__', '{"title":"Changed","settings":{"__proto__":{"speakingSeconds":5}}}'],
      ['guidingQuestions.0.__proto__', '{"guidingQuestions":[{"__proto__":{}}]}'],
    ])('should refuse a REST body with %s: 400 VALIDATION_FAILED, nothing changed', async (key, body) => {
      const { panel } = await livePanel(t.api, { delegates: 0 });
      const staff = t.api.tokenFor(await makeUser(t.api.db, 'staff'));
      const res = await patch(staff, panel.id, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: `${key} is not allowed`,
      });
      const after = await t.api.db.getRepository(PanelEntity).findOneByOrFail({ id: panel.id });
      expect(after.title).toBe(panel.title);
      expect(after.settings).toEqual(panel.settings);
      expect(after.version).toBe(panel.version);
      expect(({} as Record<string, unknown>).title).toBeUndefined();
    });

    it('should refuse prototype keys in a query string too', async () => {
      const staff = t.api.tokenFor(await makeUser(t.api.db, 'staff'));
      const res = await request(t.api.url).get('/api/recordings?__proto__=x').auth(staff, { type: 'bearer' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['__proto__', '{"kind":"statement","__proto__":{"kind":"point_of_order"}}'],
      ['constructor', '{"kind":"statement","constructor":{"name":"x"}}'],
    ])('should refuse a socket payload with %s: VALIDATION_FAILED, nothing queued', async (key, extra) => {
      const { panel, delegates } = await livePanel(t.api, { delegates: 1 });
      const delegate = t.track(await joined(t.api, delegates[0], panel.id));
      const answer = await delegate.send('floor:request', { panelId: panel.id, ...raw(extra) });
      expect(answer).toEqual({
        ok: false,
        error: { code: 'VALIDATION_FAILED', message: `${key} is not allowed` },
      });
      const queued = await t.api.db.query(
        'SELECT count(*)::int AS n FROM interventions WHERE panel_id = $1',
        [panel.id],
      );
      expect(queued).toEqual([{ n: 0 }]);
      expect(await delegate.ok('floor:request', { panelId: panel.id, kind: 'statement' })).toMatchObject({
        position: 1,
      });
    });
  });

  describe("a panel's moderators", () => {
    it('may PATCH its title, theme, description, guiding questions and settings', async () => {
      const { panel, moderator } = await livePanel(t.api, { delegates: 0 });
      const res = await patch(
        t.api.tokenFor(moderator),
        panel.id,
        JSON.stringify({
          title: 'Renamed',
          theme: 'Copyright',
          description: 'About outputs',
          guidingQuestions: ['Who owns it?'],
          settings: { speakingSeconds: 120 },
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Renamed',
        theme: 'Copyright',
        guidingQuestions: ['Who owns it?'],
        settings: { speakingSeconds: 120 },
      });
    });

    it.each([
      ['moderatorIds', (ids: { other: string }) => ({ moderatorIds: [ids.other] })],
      ['panelistIds', () => ({ panelistIds: [] })],
      ['startsAt', () => ({ startsAt: '2030-01-01T09:00:00Z' })],
      ['endsAt', () => ({ endsAt: '2030-01-01T18:00:00Z' })],
    ])('should get 403 FORBIDDEN for %s, and nothing changes', async (field, body) => {
      const { panel, moderator } = await livePanel(t.api, { delegates: 0 });
      const other = await makeUser(t.api.db, 'moderator');
      const res = await patch(
        t.api.tokenFor(moderator),
        panel.id,
        JSON.stringify({ title: 'Renamed', ...body({ other: other.id }) }),
      );
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(field) });
      const view = await request(t.api.url).get(`/api/panels/${panel.id}`).auth(t.api.tokenFor(moderator), {
        type: 'bearer',
      });
      expect(view.body.title).toBe(panel.title);
      expect(view.body.moderators.map((m: { id: string }) => m.id)).toEqual([moderator.id]);
    });

    it('leaves staff free to change moderators and the slot', async () => {
      const { panel } = await livePanel(t.api, { delegates: 0 });
      const other = await makeUser(t.api.db, 'moderator');
      const staff = t.api.tokenFor(await makeUser(t.api.db, 'staff'));
      const res = await patch(staff, panel.id, JSON.stringify({ moderatorIds: [other.id] }));
      expect(res.status).toBe(200);
      expect(res.body.moderators.map((m: { id: string }) => m.id)).toEqual([other.id]);
    });
  });
});
