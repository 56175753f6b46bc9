import request from 'supertest';
import type { UserView } from '@rostrum/contracts';
import { UserEntity } from '@rostrum/database';
import { makeDelegation, makeUser, startTestApi, TestApi } from '@rostrum/test-harness';

/** `GET /api/users?q=&role=&delegationId=&limit=&offset=`: staff find people by name to put them on panels. */
describe('GET /api/users: finding people (e2e)', () => {
  let api: TestApi;
  let staff: UserEntity;
  let admin: UserEntity;
  let ana: UserEntity;
  let brazilId: string;

  beforeAll(async () => {
    api = await startTestApi();
    staff = await makeUser(api.db, 'staff', { name: 'Sofia Secretariat' });
    admin = await makeUser(api.db, 'admin', { name: 'Ada Admin' });
    brazilId = (await makeDelegation(api.db, { name: 'Brazil', code: 'BRA' })).id;
    const kenyaId = (await makeDelegation(api.db, { name: 'Kenya', code: 'KEN' })).id;
    ana = await makeUser(api.db, 'delegate', {
      name: 'Ana Pereira',
      email: 'ana.pereira@itamaraty.example',
      delegationId: brazilId,
    });
    await makeUser(api.db, 'delegate', { name: 'João Pereira', delegationId: brazilId });
    await makeUser(api.db, 'delegate', { name: 'Wanjiru Kamau', delegationId: kenyaId });
    await makeUser(api.db, 'panelist', { name: 'Pavel Pereira-Novak' });
    for (let i = 0; i < 7; i++) await makeUser(api.db, 'moderator', { name: `Moderator ${i}` });
  });
  afterAll(() => api.close());

  const get = (user: UserEntity, query: string) =>
    request(api.url)
      .get(`/api/users${query}`)
      .set('Authorization', `Bearer ${api.tokenFor(user)}`);
  const names = (body: UserView[]) => body.map((u) => u.name);

  it('should find staff the people whose name or email contains the text, in any case, by name', async () => {
    const res = await get(staff, '?q=PEREIRA').expect(200);
    expect(names(res.body)).toEqual(['Ana Pereira', 'João Pereira', 'Pavel Pereira-Novak']);
    expect(res.headers['x-total-count']).toBe('3');
    const byEmail = await get(staff, '?q=itamaraty').expect(200);
    expect(byEmail.body).toEqual([
      {
        id: ana.id,
        name: 'Ana Pereira',
        email: ana.email,
        role: 'delegate',
        delegationId: brazilId,
        active: true,
      },
    ]);
    expect(JSON.stringify(byEmail.body)).not.toContain('passwordHash');
  });

  it('should narrow by role and delegation', async () => {
    const res = await get(staff, `?q=pereira&role=delegate&delegationId=${brazilId}`).expect(200);
    expect(names(res.body)).toEqual(['Ana Pereira', 'João Pereira']);
    const panelists = await get(admin, '?role=panelist').expect(200);
    expect(names(panelists.body)).toEqual(['Pavel Pereira-Novak']);
  });

  it('should page with limit and offset and count every match in X-Total-Count', async () => {
    const first = await get(staff, '?role=moderator&limit=3').expect(200);
    const second = await get(staff, '?role=moderator&limit=3&offset=3').expect(200);
    expect(names(first.body)).toEqual(['Moderator 0', 'Moderator 1', 'Moderator 2']);
    expect(names(second.body)).toEqual(['Moderator 3', 'Moderator 4', 'Moderator 5']);
    expect(first.headers['x-total-count']).toBe('7');
    const all = await get(staff, '').expect(200);
    expect(all.body).toHaveLength(Number(all.headers['x-total-count']));
  });

  it('should treat % and _ in the text as plain characters', async () => {
    const res = await get(staff, `?q=${encodeURIComponent('%')}`).expect(200);
    expect(res.body).toEqual([]);
    expect(res.headers['x-total-count']).toBe('0');
  });

  it.each([
    ['limit=0'],
    ['limit=501'],
    ['limit=ten'],
    ['offset=-1'],
    ['role=king'],
    ['delegationId=not-a-uuid'],
    ['colour=blue'],
  ])('should refuse %s with 400 VALIDATION_FAILED', async (query) => {
    const res = await get(staff, `?${query}`).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('should refuse delegates, moderators and panelists, and the signed-out', async () => {
    for (const role of ['delegate', 'moderator', 'panelist'] as const) {
      const res = await get(await makeUser(api.db, role), '?q=pereira').expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await request(api.url).get('/api/users').expect(401);
  });
});
