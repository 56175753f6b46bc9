import request from 'supertest';
import { EventEntity, InterventionEntity, PanelEntity, RecordingEntity } from '@rostrum/database';
import { makeDelegation, makeEvent, makePanel, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';

/** Events and panels in several languages, and chapter titles per language (issue 17, translated content). */
describe('translated content (e2e)', () => {
  let api: TestApi;
  let staff: string;
  let moderator: string;
  let delegate: string;
  let moderatorId: string;

  beforeAll(async () => {
    api = await startTestApi();
    staff = api.tokenFor(await makeUser(api.db, 'staff'));
    const mod = await makeUser(api.db, 'moderator');
    moderatorId = mod.id;
    moderator = api.tokenFor(mod);
    delegate = api.tokenFor(await makeUser(api.db, 'delegate'));
  });
  afterAll(() => api.close());

  const as = (token: string | null) => {
    const auth = (req: request.Test) => (token ? req.set('Authorization', `Bearer ${token}`) : req);
    return {
      get: (path: string) => auth(request(api.url).get(path)),
      post: (path: string, body: object) => auth(request(api.url).post(path).send(body)),
      patch: (path: string, body: object) => auth(request(api.url).patch(path).send(body)),
    };
  };

  const FR_PANEL = {
    title: 'Les données, un actif de propriété intellectuelle',
    theme: 'Au-delà de l’intelligence artificielle',
    guidingQuestions: ['Faut-il protéger les données ?'],
  };
  const ZH_PANEL = { title: '数据作为知识产权资产' };

  async function newEventAndPanel() {
    const event = (
      await as(staff)
        .post('/api/events', {
          title: 'Fourth Session',
          startsAt: '2026-09-22T09:00:00Z',
          endsAt: '2026-09-22T17:00:00Z',
          languages: ['en', 'fr', 'zh'],
          translations: { fr: { title: 'Quatrième session', description: '  Données  ' } },
        })
        .expect(201)
    ).body;
    const panel = (
      await as(staff)
        .post(`/api/events/${event.id}/panels`, {
          title: 'Data as an IP asset',
          theme: 'Beyond artificial intelligence',
          guidingQuestions: ['Should data be protected?'],
          translations: { fr: FR_PANEL, zh: ZH_PANEL },
          startsAt: '2026-09-22T10:00:00Z',
          endsAt: '2026-09-22T11:00:00Z',
          moderatorIds: [moderatorId],
        })
        .expect(201)
    ).body;
    return { event, panel };
  }

  it('should keep translations on events and panels and give them whole in every answer', async () => {
    const { event, panel } = await newEventAndPanel();
    expect(event.translations).toEqual({ fr: { title: 'Quatrième session', description: 'Données' } });
    expect(panel.translations).toEqual({ fr: FR_PANEL, zh: ZH_PANEL });

    const read = (await as(delegate).get(`/api/events/${event.id}`).expect(200)).body;
    expect(read.translations).toEqual(event.translations);
    expect(read.panels[0].translations).toEqual({ fr: FR_PANEL, zh: ZH_PANEL });
    expect((await as(delegate).get(`/api/panels/${panel.id}`).expect(200)).body.translations).toEqual(
      panel.translations,
    );
    const programme = (await as(null).get('/api/public/events').expect(200)).body;
    const listed = programme.find((e: { id: string }) => e.id === event.id);
    expect(listed.translations).toEqual(event.translations);
    expect(listed.panels[0].translations).toEqual(panel.translations);
    expect(
      (await as(null).get(`/api/public/panels/${panel.id}`).expect(200)).body.panel.translations,
    ).toEqual(panel.translations);
  });

  it('should let staff replace an event’s translations and the panel’s moderators edit the panel’s', async () => {
    const { event, panel } = await newEventAndPanel();
    const patched = await as(staff)
      .patch(`/api/events/${event.id}`, { translations: { zh: { title: '第四届会议' } } })
      .expect(200);
    expect(patched.body.translations).toEqual({ zh: { title: '第四届会议' } });
    expect(patched.body.title).toBe('Fourth Session');

    // Blank texts mean "no translation": dropped, and a language left empty goes too.
    const edited = await as(moderator)
      .patch(`/api/panels/${panel.id}`, {
        translations: {
          fr: { title: 'Les données', theme: '   ', guidingQuestions: ['', ' Qui ? '] },
          zh: {},
        },
      })
      .expect(200);
    expect(edited.body.translations).toEqual({ fr: { title: 'Les données', guidingQuestions: ['Qui ?'] } });
    await as(delegate).patch(`/api/events/${event.id}`, { translations: {} }).expect(403);
  });

  it('should change an event’s translations and its accreditation settings in one PATCH', async () => {
    const { event } = await newEventAndPanel();
    const patched = await as(staff)
      .patch(`/api/events/${event.id}`, {
        translations: { fr: { title: 'Quatrième session' } },
        timezone: 'Europe/Zurich',
        delegateQuota: null,
        groups: ['GRULAC'],
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      title: 'Fourth Session',
      translations: { fr: { title: 'Quatrième session' } },
      timezone: 'Europe/Zurich',
      delegateQuota: null,
      groups: ['GRULAC'],
    });
    await as(staff).patch(`/api/events/${event.id}`, { translations: null }).expect(400);
    await as(staff).patch(`/api/events/${event.id}`, { timezone: 'Mars/Olympus' }).expect(400);
  });

  it.each([
    ['an unknown language', { xx: { title: 'X' } }, /"xx" is not an ISO 639-1 language code/],
    ['an upper-case code', { FR: { title: 'X' } }, /"FR" is not an ISO 639-1/],
    ['a regional tag', { 'fr-CA': { title: 'X' } }, /"fr-CA" is not an ISO 639-1/],
    ['a field events do not have', { fr: { theme: 'Thème' } }, /translations\.fr\.theme is not allowed/],
    ['a title too long', { fr: { title: 'x'.repeat(301) } }, /translations\.fr\.title must be at most 300/],
    ['a title that is not text', { fr: { title: 42 } }, /translations\.fr\.title must be a string/],
    ['not an object', ['fr'], /translations must be an object/],
    [
      'too many languages',
      Object.fromEntries(
        [
          'fr',
          'zh',
          'es',
          'ar',
          'ru',
          'de',
          'it',
          'pt',
          'ja',
          'ko',
          'nl',
          'sv',
          'da',
          'fi',
          'no',
          'pl',
          'cs',
          'el',
          'tr',
          'he',
          'hi',
        ].map((l) => [l, { title: l }]),
      ),
      /at most 20 languages/,
    ],
  ])('should refuse %s on an event and change nothing', async (_, translations, message) => {
    const { event } = await newEventAndPanel();
    const res = await as(staff)
      .patch(`/api/events/${event.id}`, { title: 'Changed', translations })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    const row = await api.db.getRepository(EventEntity).findOneByOrFail({ id: event.id });
    expect(row.title).toBe('Fourth Session');
    expect(row.translations).toEqual(event.translations);
  });

  it('should refuse bad panel translations with VALIDATION_FAILED', async () => {
    const { event, panel } = await newEventAndPanel();
    const bad = [
      { fr: { summary: 'Résumé' } },
      { fr: { guidingQuestions: 'Une seule' } },
      { fr: { guidingQuestions: ['x'.repeat(1001)] } },
      { fr: { guidingQuestions: Array.from({ length: 31 }, (_, i) => `Q${i}`) } },
      { fr: { description: 'x'.repeat(10_001) } },
    ];
    for (const translations of bad) {
      const res = await as(staff).patch(`/api/panels/${panel.id}`, { translations }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const created = await as(staff)
      .post(`/api/events/${event.id}/panels`, {
        title: 'Another',
        translations: { klingon: { title: 'X' } },
        startsAt: '2026-09-22T12:00:00Z',
        endsAt: '2026-09-22T13:00:00Z',
        moderatorIds: [moderatorId],
      })
      .expect(400);
    expect(created.body.message).toMatch(/"klingon" is not an ISO 639-1 language code/);
    const row = await api.db.getRepository(PanelEntity).findOneByOrFail({ id: panel.id });
    expect(row.translations).toEqual(panel.translations);
    expect(await api.db.getRepository(PanelEntity).countBy({ eventId: event.id })).toBe(1);
  });

  describe('chapters.vtt?lang=', () => {
    let recordingId: string;

    beforeAll(async () => {
      const event = await makeEvent(api.db);
      const panel = await makePanel(api.db, { event, moderators: [await makeUser(api.db, 'moderator')] });
      const china = await makeDelegation(api.db, { name: 'China', code: 'CHN' });
      const observer = await makeDelegation(api.db, { name: 'Tech Forum', code: 'OBS-TF', kind: 'observer' });
      const speaker = (delegationId: string | null, name: string) =>
        makeUser(api.db, 'delegate', delegationId ? { name, delegationId } : { name });
      const intervention = async (delegation: { id: string } | null, name: string, kind: string) =>
        api.db.getRepository(InterventionEntity).save({
          panelId: panel.id,
          delegateId: (await speaker(delegation?.id ?? null, name)).id,
          delegationId: delegation?.id ?? null,
          kind,
          status: 'done',
        } as InterventionEntity);
      const a = await intervention(china, 'Li Wei', 'statement');
      const b = await intervention(observer, 'Sam Obs', 'point_of_order');
      const c = await intervention(null, 'Dr. Lee', 'question');
      const recording = await api.db.getRepository(RecordingEntity).save({
        panelId: panel.id,
        eventId: event.id,
        title: panel.title,
        status: 'ready',
        source: 'import',
        published: true,
        chapters: [
          { startSeconds: 0, endSeconds: 10, title: 'China — Statement', interventionId: a.id },
          { startSeconds: 10, endSeconds: 20, title: 'Tech Forum — Point of order', interventionId: b.id },
          { startSeconds: 20, endSeconds: 30, title: 'Dr. Lee', interventionId: c.id },
          { startSeconds: 30, endSeconds: 40, title: 'Archived before ids were kept' },
        ],
      });
      recordingId = recording.id;
    });

    const cues = (vtt: string) =>
      vtt
        .split('\n\n')
        .slice(1)
        .map((cue) => cue.trim().split('\n')[2]);

    it('should give the chapter titles in French and Chinese, names of member states from their ISO code', async () => {
      const fr = await as(staff).get(`/api/recordings/${recordingId}/chapters.vtt?lang=fr`).expect(200);
      expect(fr.headers['content-type']).toMatch(/^text\/vtt/);
      expect(cues(fr.text)).toEqual([
        'Chine — Déclaration',
        'Tech Forum — Motion d’ordre',
        'Dr. Lee',
        'Archived before ids were kept',
      ]);
      const zh = await as(null).get(`/api/public/recordings/${recordingId}/chapters.vtt?lang=zh`).expect(200);
      expect(cues(zh.text)).toEqual([
        '中国 — 发言',
        'Tech Forum — 程序问题',
        'Dr. Lee',
        'Archived before ids were kept',
      ]);
      // Without lang: the archived titles; the recording's answer keeps to the contract's chapter shape.
      const plain = await as(staff).get(`/api/recordings/${recordingId}/chapters.vtt`).expect(200);
      expect(cues(plain.text)[0]).toBe('China — Statement');
      const view = (await as(staff).get(`/api/recordings/${recordingId}`).expect(200)).body;
      expect(view.chapters[0]).toEqual({ startSeconds: 0, endSeconds: 10, title: 'China — Statement' });
    });

    it('should refuse a language code it does not know', async () => {
      const res = await as(staff).get(`/api/recordings/${recordingId}/chapters.vtt?lang=xx`).expect(400);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/lang must be/),
      });
      await as(null).get(`/api/public/recordings/${recordingId}/chapters.vtt?lang=french`).expect(400);
    });
  });
});
