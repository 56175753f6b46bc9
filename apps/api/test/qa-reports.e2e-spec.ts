import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { QuestionView } from '@rostrum/contracts';
import { makeDelegation, makeUser, TestApi } from '@rostrum/test-harness';
import { joined, liveTestApi } from './support/floor-fixture';
import { qaPanel } from './support/qa-fixture';

describe('Q&A records over REST: the questions list and its CSV (e2e)', () => {
  const t = liveTestApi();
  const as = (user: Parameters<TestApi['tokenFor']>[0]) => ({
    Authorization: `Bearer ${t.api.tokenFor(user)}`,
  });

  /** A panel with questions in every state, one of them full of what CSV must quote (made once). */
  let made: ReturnType<typeof makePanelWithQuestions> | undefined;
  const panelWithQuestions = () => (made ??= makePanelWithQuestions());
  async function makePanelWithQuestions() {
    const f = await qaPanel(t.api, { delegates: 0 });
    const panelId = f.panel.id;
    const brazil = await makeDelegation(t.api.db, { name: 'Brazil, Federative Republic of', code: 'BRA' });
    const ana = await makeUser(t.api.db, 'delegate', { name: 'Ana "Nana" Pereira', delegationId: brazil.id });
    const china = await makeDelegation(t.api.db, { name: '中国', code: 'CHN' });
    const li = await makeUser(t.api.db, 'delegate', { name: '李华', delegationId: china.id });
    const mod = t.track(await joined(t.api, f.moderator, panelId));
    const pan = t.track(await joined(t.api, f.panelist, panelId));
    const anaClient = t.track(await joined(t.api, ana, panelId));
    const liClient = t.track(await joined(t.api, li, panelId));
    const tricky = 'Who owns it, "the AI" or the user?\nSecond line, with a comma';
    const q1 = await anaClient.ok('qa:ask', { panelId, text: tricky, addressedTo: f.panelist.id });
    const q2 = await liClient.ok('qa:ask', { panelId, text: '人工智能生成的作品受版权保护吗？' });
    const q3 = await liClient.ok('qa:ask', { panelId, text: '=HYPERLINK("http://evil.example","click")' });
    const q4 = await anaClient.ok('qa:ask', { panelId, text: 'Still waiting' });
    await mod.ok('qa:approve', { panelId, questionId: q1.id });
    await mod.ok('qa:approve', { panelId, questionId: q2.id });
    await liClient.ok('qa:vote', { panelId, questionId: q1.id });
    await pan.ok('qa:answer', { panelId, questionId: q1.id, text: '+ Both, in part; see "Article 2".' });
    await mod.ok('qa:dismiss', { panelId, questionId: q3.id });
    return { ...f, panelId, ana, li, q1, q2, q3, q4, tricky };
  }

  it('should list every question in all states for the panel’s moderators and staff, and refuse others', async () => {
    const p = await panelWithQuestions();
    const staff = await makeUser(t.api.db, 'staff');
    const otherModerator = await makeUser(t.api.db, 'moderator');
    const url = `/api/panels/${p.panelId}/questions`;
    const res = await request(t.api.url).get(url).set(as(p.moderator)).expect(200);
    const list = res.body as QuestionView[];
    expect(list.map((q) => [q.id, q.status, q.votes])).toEqual([
      [p.q1.id, 'answered', 1],
      [p.q2.id, 'approved', 0],
      [p.q3.id, 'dismissed', 0],
      [p.q4.id, 'pending', 0],
    ]);
    expect(list[0]).toMatchObject({
      text: p.tricky,
      author: { id: p.ana.id, name: 'Ana "Nana" Pereira' },
      delegation: { name: 'Brazil, Federative Republic of', code: 'BRA', kind: 'member_state' },
      addressedTo: { id: p.panelist.id, name: p.panelist.name },
      answer: '+ Both, in part; see "Article 2".',
      answeredAt: expect.any(String),
    });
    await request(t.api.url).get(url).set(as(staff)).expect(200);
    for (const user of [otherModerator, p.panelist, p.ana]) {
      const refused = await request(t.api.url).get(url).set(as(user)).expect(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    await request(t.api.url).get(url).expect(401);
    await request(t.api.url)
      .get('/api/panels/00000000-0000-4000-8000-000000000000/questions')
      .set(as(staff))
      .expect(404);
  });

  it('should export CSV that reads back as written, quoted, with formulas neutralised', async () => {
    const p = await panelWithQuestions();
    const res = await request(t.api.url)
      .get(`/api/panels/${p.panelId}/questions.csv`)
      .set(as(p.moderator))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="questions-[a-z0-9-]+-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const rows = parse(res.body as string, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.status, r.votes])).toEqual([
      [p.q1.id, 'answered', '1'],
      [p.q2.id, 'approved', '0'],
      [p.q3.id, 'dismissed', '0'],
      [p.q4.id, 'pending', '0'],
    ]);
    expect(rows[0]).toMatchObject({
      author: 'Ana "Nana" Pereira',
      delegation: 'Brazil, Federative Republic of',
      delegationCode: 'BRA',
      addressedTo: p.panelist.name,
      text: p.tricky,
      answer: `'+ Both, in part; see "Article 2".`,
      answeredBy: p.panelist.name,
      askedAt: p.q1.createdAt,
    });
    expect(rows[0].answeredAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows[1]).toMatchObject({
      author: '李华',
      delegation: '中国',
      text: p.q2.text,
      answer: '',
      answeredAt: '',
    });
    expect(rows[2].text).toBe(`'=HYPERLINK("http://evil.example","click")`);
    await request(t.api.url).get(`/api/panels/${p.panelId}/questions.csv`).set(as(p.ana)).expect(403);
  });
});
